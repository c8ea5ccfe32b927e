// The acknowledgement editor: the server's draft in the CUSTOMER's language (their feeling first),
// the day by which the real answer comes (a new day asks for a new draft; the owner's own edits
// are kept), the fixed apology when late and the fixed date line, how it will reach the
// customer, and the whole message as they will read it. Sending carries the version the owner
// saw: someone else's change first is said plainly (409) and the owner's text is kept.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, type Key } from '../i18n';
import { ErrorSummary, Field, FormError, Loading, useSubmit, type Errors, type FieldMap } from '../ui';
import { AckChannel, type Way } from './AckChannel';
import { isDay, PromisedOnField, SendActions, useDayDraft } from './AckParts';
import { acknowledge, conflictOf, draft as fetchDraft, type DeskItem, type DeskRemark } from './desk-api';
import { livePreview } from './promise-clock';
import { PromiseClock } from './PromiseClock';

/** Each field by its pointer in the API: where the error summary's links lead. */
function fields(canCall: boolean): FieldMap {
  return {
    '/promised_on': { id: 'ack-promised-on', label: t('desk.ack.promised_on') },
    '/text': { id: 'ack-text', label: t('desk.ack.text') },
    '/channel': { id: canCall ? 'ack-channel-auto' : 'ack-channel', label: t('desk.ack.how') },
    '/note': { id: 'ack-note', label: t('desk.ack.note') },
  };
}

interface Props {
  remark: DeskRemark;
  /** Sent: how it reaches the customer. */
  onSent: (how: 'mail' | 'pass_on' | 'phone') => void;
  /** Someone changed the remark first: load it afresh (the editor stays, with its text). */
  onConflict: () => Promise<void>;
  onCancel: () => void;
}

export function AckEditor({ remark, onSent, onConflict, onCancel }: Props) {
  const id = remark.remark.id;
  const [text, setText] = useState('');
  const [way, setWay] = useState<Way>('auto');
  const [note, setNote] = useState('');
  const [conflict, setConflict] = useState<{ current: DeskItem | null } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const editor = useRef<HTMLElement>(null);
  // The draft text the text box was last filled with: while the box still holds it, a new draft
  // replaces it; once the owner has written in it, their words stay.
  const filled = useRef('');
  const { draft, loadErrors, promisedOn, dateError, changeDay } = useDayDraft(
    (day) => fetchDraft(id, day),
    (fresh) => {
      const before = filled.current;
      setText((current) => (current === before ? fresh.text : current));
      filled.current = fresh.text;
    },
  );

  useEffect(() => {
    heading.current?.focus();
  }, []);

  const { busy, errors, setErrors, submit } = useSubmit(async () => {
    setConflict(null);
    const problems: Errors = {};
    if (!isDay(promisedOn)) problems['/promised_on'] = t('check.field-date');
    if (!text.trim()) problems['/text'] = t('check.field-blank');
    if (way === 'phone' && !note.trim()) problems['/note'] = t('check.field-blank');
    if (Object.keys(problems).length) {
      setErrors(problems);
      return;
    }
    try {
      await acknowledge({
        remarks: [{ id, version: remark.version }],
        promised_on: promisedOn,
        text,
        channel: way === 'phone' ? 'phone' : 'auto',
        note: way === 'phone' ? note : undefined,
      });
    } catch (err) {
      const current = conflictOf(err);
      if (!current) throw err;
      setConflict({ current: current.find((item) => item.remark.id === id) ?? current[0] ?? null });
      await onConflict();
      return;
    }
    onSent(way === 'phone' ? 'phone' : remark.channel);
  });

  // Refused, or overtaken: the summary (or the notice) takes the focus and is read out.
  useEffect(() => {
    const target = editor.current?.querySelector<HTMLElement>(conflict ? '.conflict' : '.error-summary');
    target?.scrollIntoView({ block: 'center' });
    target?.focus();
  }, [errors, conflict]);

  const current = conflict?.current ?? remark;
  const textError = errors['/text'];
  const hint = draft && t('desk.ack.language', { language: t(`lang.${draft.language}` as Key) });

  return (
    <section class="ack-editor" aria-labelledby="ack-title" ref={editor}>
      <h3 id="ack-title" tabIndex={-1} ref={heading}>
        {t('desk.ack.title')}
      </h3>
      <p class="hint">{t('desk.ack.intro')}</p>
      <FormError errors={loadErrors} />
      {!draft && !loadErrors[''] && <Loading />}
      {conflict && (
        <div class="conflict" role="alert" tabIndex={-1}>
          <p>
            <strong>{t('desk.ack.conflict')}</strong>
          </p>
          <p>
            {t('desk.ack.conflict_now', { state: t(`desk.state.${current.remark.state}` as Key) })}{' '}
            <PromiseClock dueAt={current.due_at} now={remark.now} />
          </p>
          <p>{t('desk.ack.conflict_keep')}</p>
        </div>
      )}
      {draft && (
        <form onSubmit={submit} noValidate aria-busy={busy}>
          <ErrorSummary errors={errors} fields={fields(remark.can_call)} level={4} />
          <PromisedOnField
            id="ack-promised-on"
            label={t('desk.ack.promised_on')}
            value={promisedOn}
            range={draft}
            error={errors['/promised_on'] ?? dateError}
            onDay={changeDay}
          />
          {draft.words_other_language && <p class="warning">{t('desk.ack.other_language')}</p>}
          {draft.apology && (
            <div class="fixed">
              <p class="label">{t('desk.ack.apology_label')}</p>
              <p lang={draft.language}>{draft.apology}</p>
            </div>
          )}
          <Field id="ack-text" label={t('desk.ack.text')} hint={hint || undefined} error={textError} required>
            <textarea
              id="ack-text"
              rows={6}
              lang={draft.language}
              value={text}
              aria-required="true"
              aria-invalid={Boolean(textError)}
              aria-describedby={`ack-text-hint${textError ? ' ack-text-error' : ''}`}
              onInput={(e) => setText(e.currentTarget.value)}
            />
          </Field>
          <div class="fixed">
            <p class="label">{t('desk.ack.date_line_label')}</p>
            {[...(draft.facts ?? []), draft.date_line].map((line) => (
              <p lang={draft.language}>{line}</p>
            ))}
          </div>
          <AckChannel remark={remark} way={way} onWay={setWay} note={note} onNote={setNote} errors={errors} />
          <section class="ack-preview" aria-labelledby="ack-preview-title">
            <h4 id="ack-preview-title">{t('desk.ack.preview')}</h4>
            <div class="preview" lang={draft.language}>
              {livePreview(draft, text)}
            </div>
          </section>
          <SendActions label={t('desk.ack.send')} busy={busy} onCancel={onCancel} />
        </form>
      )}
    </section>
  );
}
