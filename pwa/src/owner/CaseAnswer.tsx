// The first answer to a whole case (docs/cases.md): one promised day for all its customers, the
// owner's words once per language they speak (prefilled by the server: each customer reads their
// own feeling first, then these words, their own facts and the day), how it reaches them, and
// what the first customer of each language will read. Every remark is named with the version
// seen: another owner's change first is said plainly (409), the case shown as it is now, and the
// owner's texts kept.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, type Key, type Lang } from '../i18n';
import { ErrorSummary, FormError, Input, Loading, type Errors, type FieldMap } from '../ui';
import { Radio } from './AckChannel';
import { ConflictNotice, isDay, PromisedOnField, SendActions, useDayDraft } from './AckParts';
import { useCaseAction } from './case-action';
import { acknowledgeCase, caseDraft, type CaseDraft, type CaseView } from './desk-api';
import { useOpener } from './desk-detail';
import { livePreview } from './promise-clock';

export type CaseWay = 'auto' | 'pass_on';

/** How many customers, in words: "1 klant", "3 klanten". */
export const customerCount = (n: number) => (n === 1 ? t('desk.case_ack.customers_one') : t('desk.case_ack.customers', { n }));

type Part = CaseDraft['drafts'][number];

const textId = (language: Lang) => `case-ack-text-${language}`;
const textLabel = (part: Part) =>
  t('desk.case_ack.text', { language: t(`lang.${part.language}` as Key), customers: customerCount(part.customers) });

/** Each field by its pointer in the API: where the error summary's links lead. */
function fields(parts: Part[]): FieldMap {
  const map: FieldMap = {
    '/promised_on': { id: 'case-ack-promised-on', label: t('desk.case_ack.promised_on') },
    '/channel': { id: 'case-ack-channel-auto', label: t('desk.case_ack.how') },
  };
  if (parts.length) map['/texts'] = { id: textId(parts[0].language), label: textLabel(parts[0]) };
  parts.forEach((part, i) => (map[`/texts/${i}/text`] = { id: textId(part.language), label: textLabel(part) }));
  return map;
}

interface EditorProps {
  view: CaseView;
  onSent: (fresh: CaseView, way: CaseWay, customers: number) => void;
  onOvertaken: (current: CaseView | null) => void | Promise<void>;
  onCancel: () => void;
}

function CaseAnswerEditor({ view, onSent, onOvertaken, onCancel }: EditorProps) {
  const [texts, setTexts] = useState<Partial<Record<Lang, string>>>({});
  const [way, setWay] = useState<CaseWay>('auto');
  const [overtaken, setOvertaken] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const editor = useRef<HTMLElement>(null);
  // The draft texts each box was last filled with: while a box still holds its draft, a new
  // draft replaces it; once the owner has written in it, their words stay.
  const filled = useRef<Partial<Record<Lang, string>>>({});
  const { draft, loadErrors, promisedOn, dateError, changeDay, reload } = useDayDraft(
    (day) => caseDraft(view.id, day),
    (fresh) => {
      const before = filled.current;
      setTexts((current) => {
        const kept = (language: Lang) => current[language] !== undefined && current[language] !== before[language];
        return Object.fromEntries(fresh.drafts.map((part) => [part.language, kept(part.language) ? current[part.language] : part.text]));
      });
      filled.current = Object.fromEntries(fresh.drafts.map((part) => [part.language, part.text]));
    },
  );
  const { busy, errors, setErrors, run } = useCaseAction(async (current) => {
    setOvertaken(true);
    await onOvertaken(current);
    await reload();
  });

  useEffect(() => {
    heading.current?.focus();
  }, []);

  // Refused, or overtaken: the summary (or the notice) takes the focus and is read out.
  useEffect(() => {
    const target = editor.current?.querySelector<HTMLElement>(overtaken ? '.conflict' : '.error-summary');
    target?.scrollIntoView({ block: 'center' });
    target?.focus();
  }, [errors, overtaken]);

  const parts = draft?.drafts ?? [];
  const send = (event: Event) => {
    event.preventDefault();
    setOvertaken(false);
    void run(async () => {
      const problems: Errors = {};
      if (!isDay(promisedOn)) problems['/promised_on'] = t('check.field-date');
      parts.forEach((part, i) => {
        if (!texts[part.language]?.trim()) problems[`/texts/${i}/text`] = t('check.field-blank');
      });
      if (Object.keys(problems).length) {
        setErrors(problems);
        return;
      }
      const fresh = await acknowledgeCase(view.id, {
        version: view.version,
        remarks: view.remarks.map((item) => ({ id: item.remark.id, version: item.version })),
        promised_on: promisedOn,
        texts: parts.map((part) => ({ language: part.language, text: texts[part.language] ?? '' })),
        channel: way,
      });
      onSent(fresh, way, view.remarks.length);
    });
  };

  const { '': said, ...fieldErrors } = errors;
  return (
    <section class="ack-editor" aria-labelledby="case-ack-title" ref={editor}>
      <h3 id="case-ack-title" tabIndex={-1} ref={heading}>
        {t('desk.case_ack.title')}
      </h3>
      <p class="hint">{t('desk.case_ack.intro')}</p>
      <FormError errors={loadErrors} />
      {!draft && !loadErrors[''] && <Loading />}
      {overtaken && said && (
        <ConflictNotice said={said} keep={t('desk.case_ack.conflict_keep')} />
      )}
      {draft && (
        <form onSubmit={send} noValidate aria-busy={busy}>
          <ErrorSummary errors={overtaken ? fieldErrors : errors} fields={fields(parts)} level={4} />
          <PromisedOnField
            id="case-ack-promised-on"
            label={t('desk.case_ack.promised_on')}
            value={promisedOn}
            range={draft}
            error={errors['/promised_on'] ?? dateError}
            onDay={changeDay}
          />
          {parts.map((part, i) => (
            <LanguagePart
              key={part.language}
              part={part}
              text={texts[part.language] ?? ''}
              error={errors[`/texts/${i}/text`]}
              onText={(text) => setTexts((current) => ({ ...current, [part.language]: text }))}
            />
          ))}
          <fieldset class="field">
            <legend>{t('desk.case_ack.how')}</legend>
            <Radio name="case-ack-channel" value="auto" label={t('desk.case_ack.auto')} checked={way === 'auto'} onChoose={() => setWay('auto')} />
            <Radio
              name="case-ack-channel"
              value="pass_on"
              label={t('desk.case_ack.pass_on')}
              checked={way === 'pass_on'}
              onChoose={() => setWay('pass_on')}
            />
            <p class="hint">{t('desk.case_ack.calls')}</p>
          </fieldset>
          <SendActions label={t('desk.case_ack.send')} busy={busy} onCancel={onCancel} />
        </form>
      )}
    </section>
  );
}

/** The owner's words for the customers of one language, and what the first of them will read. */
function LanguagePart({ part, text, error, onText }: { part: Part; text: string; error?: string; onText: (text: string) => void }) {
  const id = textId(part.language);
  return (
    <div class="case-language">
      <Input
        id={id}
        label={textLabel(part)}
        hint={t('desk.case_ack.text_hint')}
        rows={6}
        lang={part.language}
        value={text}
        onValue={onText}
        error={error}
        required
      />
      <section class="ack-preview" aria-labelledby={`${id}-preview`}>
        <h4 id={`${id}-preview`}>{t('desk.case_ack.preview', { language: t(`lang.${part.language}` as Key) })}</h4>
        <div class="preview" lang={part.language}>
          {livePreview({ ...part, apology: null, date_line: '' }, text)}
        </div>
      </section>
    </div>
  );
}

interface Props {
  view: CaseView;
  onSent: EditorProps['onSent'];
  onOvertaken: EditorProps['onOvertaken'];
}

/** The button that opens the editor (the main one while a customer still waits for a first
 * answer), and the editor. */
export function CaseAnswer({ view, onSent, onOvertaken }: Props) {
  const { open, setOpen, opener, cancel } = useOpener();
  if (!view.remarks.length) return null;
  if (open) {
    return (
      <CaseAnswerEditor
        view={view}
        onSent={(fresh, way, customers) => {
          setOpen(false);
          onSent(fresh, way, customers);
        }}
        onOvertaken={onOvertaken}
        onCancel={cancel}
      />
    );
  }
  const waiting = view.remarks.some((item) => item.remark.state === 'new');
  return (
    <button type="button" class={waiting ? 'primary' : 'secondary'} ref={opener} onClick={() => setOpen(true)}>
      {waiting ? t('desk.case_ack.open') : t('desk.case_ack.open_again')}
    </button>
  );
}
