// A case's remarks, most urgent first: each a card to open the remark, and a box to pick it.
// What is picked can be taken out of the case (the last one out and the case is gone) or split
// off into a new case with its own name (one remark at least stays). Each change names the
// version of the case seen: overtaken, the case is shown as it is now.
import { useState } from 'preact/hooks';
import { customerName } from '../remark';
import { t } from '../i18n';
import type { Topic } from '../model';
import { navigate } from '../router';
import type { Errors } from '../ui';
import { useCaseAction } from './case-action';
import { CaseFields, checkTitle } from './CaseRename';
import { removeFromCase, splitCase, type CaseView } from './desk-api';
import { caseHref, RemarkLines, remarkCount, RowLink, rowHref } from './Inbox';

interface Props {
  view: CaseView;
  topics: Topic[];
  /** The case changed (as it is now, or null to ask again), with what to tell the owner. */
  onChanged: (fresh: CaseView | null, said?: string) => void | Promise<void>;
  /** Its last remark went out: the case is gone. */
  onGone: () => void;
}

export function CaseRemarks({ view, topics, onChanged, onGone }: Props) {
  const [picked, setPicked] = useState<string[]>([]);
  const [splitting, setSplitting] = useState(false);
  const [title, setTitle] = useState('');
  // The new case is filed where this one is, unless the owner says otherwise.
  const [topic, setTopic] = useState(view.topic_id ?? '');
  const { busy, errors, setErrors, run } = useCaseAction((current) => onChanged(current));
  const ids = view.remarks.map((item) => item.remark.id);
  // Only what is still in the case counts (it may have changed under the owner's eyes).
  const chosen = picked.filter((id) => ids.includes(id));

  const remove = () =>
    run(async () => {
      if (!chosen.length) {
        setErrors({ '/remarks': t('desk.case.pick_first') });
        return;
      }
      const fresh = await removeFromCase(view.id, view.version, chosen);
      setPicked([]);
      if (fresh) await onChanged(fresh, t('desk.case.removed', { remarks: remarkCount(chosen.length) }));
      else onGone();
    });

  const split = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const problems: Errors = {};
      if (!chosen.length) problems['/remarks'] = t('desk.case.pick_first');
      else if (chosen.length >= ids.length) problems['/remarks'] = t('desk.case.split_all');
      const titleProblem = checkTitle(title);
      if (titleProblem) problems['/title'] = titleProblem;
      if (Object.keys(problems).length) {
        setErrors(problems);
        return;
      }
      const made = await splitCase(view.id, { version: view.version, remarks: chosen, title: title.trim(), topic_id: topic || null });
      await onChanged(made.kept);
      navigate(caseHref(made.split_off.id));
    });
  };

  // What no field of the split form carries: nothing picked, or the server's word.
  const problem = errors[''] ?? errors['/remarks'];
  return (
    <section aria-labelledby="case-remarks-title">
      <h3 id="case-remarks-title">{t('desk.case.remarks')}</h3>
      <p class="hint">{t('desk.case.remarks_hint')}</p>
      <ul class="remarks case-remarks" data-testid="case-remarks" aria-labelledby="case-remarks-title">
        {view.remarks.map((item) => {
          const { id, customer } = item.remark;
          return (
            <li key={id} class="case-remark">
              <label class="check" for={`case-pick-${id}`}>
                <input
                  type="checkbox"
                  id={`case-pick-${id}`}
                  checked={chosen.includes(id)}
                  onChange={(e) => {
                    const on = e.currentTarget.checked;
                    setPicked((before) => (on ? [...before.filter((p) => p !== id), id] : before.filter((p) => p !== id)));
                  }}
                />
                <span>{t('desk.case.pick', { name: customerName(customer) })}</span>
              </label>
              <RowLink href={rowHref(id)} late={item.due_at <= view.now && item.remark.state !== 'decided'}>
                <RemarkLines item={item} now={view.now} language />
              </RowLink>
            </li>
          );
        })}
      </ul>
      {problem && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
      <div class="actions">
        <button type="button" class="secondary" disabled={busy} onClick={() => void remove()}>
          {t('desk.case.remove')}
        </button>
        <button type="button" class="secondary" disabled={busy} aria-expanded={splitting} onClick={() => setSplitting((open) => !open)}>
          {t('desk.case.split')}
        </button>
      </div>
      {splitting && (
        <form class="case-form" onSubmit={split} noValidate aria-labelledby="case-split-title">
          <h4 id="case-split-title">{t('desk.case.split_title')}</h4>
          <CaseFields
            prefix="case-split"
            label={t('desk.case.new_title')}
            title={title}
            onTitle={setTitle}
            topic={topic}
            onTopic={setTopic}
            topics={topics}
            keep={view.topic_id}
            errors={errors}
          />
          <button type="submit" class="primary" disabled={busy}>
            {t('desk.case.split_send')}
          </button>
        </form>
      )}
      <p class="sending" role="status">
        {busy ? t('desk.suggest.busy') : ''}
      </p>
    </section>
  );
}
