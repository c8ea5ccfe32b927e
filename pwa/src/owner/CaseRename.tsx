// A case's name and topic, changed in place: a button under the title opens a small form. The
// title is one line of 1 to 120 characters; the topic one the organisation offers (a case keeps
// an archived one it already had). The change names the version seen (409 when overtaken). The
// fields are those a split-off case is given too.
import { useEffect, useState } from 'preact/hooks';
import { lang, t } from '../i18n';
import type { Topic } from '../model';
import { describedBy, Field, FormError, Input, type Errors } from '../ui';
import { useCaseAction } from './case-action';
import { TITLE_MAX, titleLength } from './case-logic';
import { renameCase, type CaseView } from './desk-api';
import { useOpener } from './desk-detail';

/** What is wrong with a title the owner typed, said before it is sent. */
export function checkTitle(title: string): string | undefined {
  const trimmed = title.trim();
  if (!trimmed) return t('check.field-blank');
  if (titleLength(trimmed) > TITLE_MAX) return t('check.field-too-long', { limit: TITLE_MAX });
  return undefined;
}

interface FieldsProps {
  /** The ids of the controls: `<prefix>-name`, `<prefix>-topic`. */
  prefix: string;
  label: string;
  title: string;
  onTitle: (title: string) => void;
  topic: string;
  onTopic: (topic: string) => void;
  topics: Topic[];
  /** The case's own topic, offered even when archived. */
  keep: string | null;
  errors: Errors;
}

/** A case's name and the topic it is filed under (or none), as a new or renamed case asks them. */
export function CaseFields({ prefix, label, title, onTitle, topic, onTopic, topics, keep, errors }: FieldsProps) {
  const offered = topics.filter((tp) => !tp.archived || tp.id === keep);
  const id = `${prefix}-topic`;
  const error = errors['/topic_id'];
  return (
    <>
      <Input id={`${prefix}-name`} label={label} hint={t('desk.case.name_hint')} value={title} onValue={onTitle} error={errors['/title']} required />
      {offered.length > 0 && (
        <Field id={id} label={t('capture.topic')} optional error={error}>
          <select id={id} value={topic} aria-invalid={Boolean(error)} aria-describedby={describedBy(id, error)} onChange={(e) => onTopic(e.currentTarget.value)}>
            <option value="">{t('capture.topic_none')}</option>
            {offered.map((tp) => (
              <option value={tp.id}>{tp.labels[lang()]}</option>
            ))}
          </select>
        </Field>
      )}
    </>
  );
}

interface Props {
  view: CaseView;
  topics: Topic[];
  onRenamed: (fresh: CaseView) => void;
  onOvertaken: (current: CaseView | null) => void | Promise<void>;
}

export function CaseRename({ view, topics, onRenamed, onOvertaken }: Props) {
  const { open, setOpen, opener, cancel } = useOpener();
  const [title, setTitle] = useState(view.title);
  const [topic, setTopic] = useState(view.topic_id ?? '');
  const { busy, errors, setErrors, run } = useCaseAction(onOvertaken);

  // Opened: the name takes the focus (cancelled, the button does; saved, the notice).
  useEffect(() => {
    if (open) document.getElementById('case-name')?.focus();
  }, [open]);

  const save = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const problem = checkTitle(title);
      if (problem) {
        setErrors({ '/title': problem });
        return;
      }
      const fresh = await renameCase(view.id, view.version, title.trim(), topic || null);
      setOpen(false);
      onRenamed(fresh);
    });
  };

  if (!open) {
    return (
      <button
        type="button"
        class="secondary"
        ref={opener}
        onClick={() => {
          setTitle(view.title);
          setTopic(view.topic_id ?? '');
          setErrors({});
          setOpen(true);
        }}
      >
        {t('desk.case.rename')}
      </button>
    );
  }
  return (
    <form class="case-form" onSubmit={save} noValidate aria-label={t('desk.case.rename')}>
      <FormError errors={errors} />
      <CaseFields
        prefix="case"
        label={t('desk.case.name')}
        title={title}
        onTitle={setTitle}
        topic={topic}
        onTopic={setTopic}
        topics={topics}
        keep={view.topic_id}
        errors={errors}
      />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('desk.case.save')}
        </button>
        <button type="button" class="secondary" onClick={cancel}>
          {t('desk.ack.cancel')}
        </button>
      </div>
    </form>
  );
}
