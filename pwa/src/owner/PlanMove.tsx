// Moving a plan's date (docs/plans.md): never silence — its customers are always told. The
// server's draft suggests the day (a week after the later of today and the plan's date) and a
// sentence per language; the owner may change both, looks at every customer's message exactly
// as it will go (the decision preview's pieces: the same Preview shape) and confirms. A change
// after the preview sets it aside, so what is confirmed is what was seen.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { formatDay, t, type Lang } from '../i18n';
import { describedBy, ErrorSummary, errorsOf, Field, FormError, Loading, type Errors, type FieldMap } from '../ui';
import { SendActions } from './AckParts';
import { isDay } from './decision-logic';
import { DecisionPreview, type Shown } from './DecisionPreview';
import { languageName } from './DecisionWords';
import { moveDraft, movePlan, previewMove, type MoveDraft, type MoveRequest, type PlanView } from './plan-api';
import { usePlanAction, type OnConflict } from './plan-action';
import { tp } from './plan-text';

const DAY_ID = 'move-day';
const textId = (language: Lang) => `move-text-${language}`;
const textLabel = (language: Lang) => tp('plan.move_text', { language: languageName(language) });

/** Each field by the server's pointer; a text's whole (`/texts/0`) leads to its box too. */
function fieldsOf(languages: Lang[]): FieldMap {
  const map: FieldMap = { '/due_on': { id: DAY_ID, label: tp('plan.move_day') } };
  if (languages.length) map['/texts'] = { id: textId(languages[0]), label: textLabel(languages[0]) };
  languages.forEach((language, i) => {
    const field = { id: textId(language), label: textLabel(language) };
    map[`/texts/${i}`] = field;
    map[`/texts/${i}/text`] = field;
  });
  return map;
}

interface Props {
  plan: PlanView;
  onMoved: (plan: PlanView) => void;
  onConflict: OnConflict;
  onCancel: () => void;
}

export function PlanMove({ plan, onMoved, onConflict, onCancel }: Props) {
  const [draft, setDraft] = useState<MoveDraft | null>(null);
  const [loadErrors, setLoadErrors] = useState<Errors>({});
  const [day, setDay] = useState('');
  const [texts, setTexts] = useState<Partial<Record<Lang, string>>>({});
  const [shown, setShown] = useState<Shown | null>(null);
  const [stale, setStale] = useState(false);
  const [previewing, setPreviewing] = useState(false);
  const [failed, setFailed] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const { busy, errors, setErrors, run } = usePlanAction(onConflict);

  useEffect(() => {
    heading.current?.focus();
    moveDraft(plan.id).then(
      (fresh) => {
        setDraft(fresh);
        setDay(fresh.due_on);
        setTexts(Object.fromEntries(fresh.texts.map((text) => [text.language, text.text])));
      },
      (err) => setLoadErrors(errorsOf(err)),
    );
  }, []);
  useEffect(() => {
    const target = form.current?.querySelector<HTMLElement>('.error-summary');
    target?.scrollIntoView({ block: 'center' });
    target?.focus();
  }, [errors]);

  const languages = draft?.languages ?? [];
  const request: MoveRequest = { version: plan.version, due_on: day, texts: languages.map((language) => ({ language, text: texts[language] ?? '' })) };
  const fields = fieldsOf(languages);

  /** What the server would refuse, said before asking it. */
  const check = (): boolean => {
    const problems: Errors = {};
    if (!isDay(day)) problems['/due_on'] = t('check.field-date');
    request.texts.forEach((text, i) => {
      if (!text.text.trim()) problems[`/texts/${i}/text`] = t('check.field-blank');
    });
    setErrors(problems);
    return Object.keys(problems).length === 0;
  };

  // Changed after the preview: it no longer shows what would go.
  const edited = () => {
    if (shown) setStale(true);
    setShown(null);
  };

  const preview = async () => {
    if (!check()) return;
    setPreviewing(true);
    setFailed('');
    try {
      setShown({ preview: await previewMove(plan.id, request), sent: languages });
      setStale(false);
    } catch (err) {
      const problems = errorsOf(err);
      const refused = Object.entries(problems).filter(([pointer]) => pointer !== '');
      if (err instanceof ApiError && err.status === 422 && refused.length) {
        setShown({ preview: { ready: false, issues: refused.map(([pointer, hint]) => ({ pointer, hint })), mails: [] }, sent: languages });
      } else {
        setFailed(problems[''] ?? t('common.error'));
      }
    } finally {
      setPreviewing(false);
    }
  };

  const send = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      if (!check()) return;
      try {
        onMoved(await movePlan(plan.id, request));
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 422) throw err;
        setErrors(errorsOf(err));
      }
    });
  };

  const dayHint = draft ? tp('plan.move_day_hint', { earliest: formatDay(draft.earliest), latest: formatDay(draft.latest) }) : '';
  const dayError = errors['/due_on'];
  return (
    <form class="case-form plan-move" data-testid="plan-move" onSubmit={send} noValidate aria-labelledby="plan-move-title" aria-busy={busy} ref={form}>
      <h4 id="plan-move-title" tabIndex={-1} ref={heading}>
        {tp('plan.move_title')}
      </h4>
      <p class="hint">{tp('plan.move_intro')}</p>
      <FormError errors={loadErrors} />
      {!draft && !loadErrors[''] && <Loading />}
      {!draft && loadErrors[''] && (
        <button type="button" class="secondary" onClick={onCancel}>
          {t('desk.ack.cancel')}
        </button>
      )}
      {draft && (
        <>
          <ErrorSummary errors={errors} fields={fields} level={4} />
          <Field id={DAY_ID} label={tp('plan.move_day')} hint={dayHint} error={dayError} required>
            <input
              id={DAY_ID}
              data-testid={DAY_ID}
              type="date"
              value={day}
              min={draft.earliest}
              max={draft.latest}
              aria-required="true"
              aria-invalid={Boolean(dayError)}
              aria-describedby={describedBy(DAY_ID, dayError, dayHint)}
              onInput={(e) => {
                setDay(e.currentTarget.value);
                edited();
              }}
            />
          </Field>
          {languages.map((language, i) => {
            const id = textId(language);
            const hint = tp('plan.move_text_hint');
            const error = errors[`/texts/${i}/text`] ?? errors[`/texts/${i}`] ?? (i === 0 ? errors['/texts'] : undefined);
            return (
              <Field key={language} id={id} label={textLabel(language)} hint={hint} error={error} required>
                <textarea
                  id={id}
                  data-testid={id}
                  rows={4}
                  lang={language}
                  value={texts[language] ?? ''}
                  aria-required="true"
                  aria-invalid={Boolean(error)}
                  aria-describedby={describedBy(id, error, hint)}
                  onInput={(e) => {
                    const text = e.currentTarget.value;
                    setTexts((current) => ({ ...current, [language]: text }));
                    edited();
                  }}
                />
              </Field>
            );
          })}
          <p>
            <button type="button" class="secondary" data-testid="move-preview" disabled={previewing} onClick={() => void preview()}>
              {tp('plan.move_preview')}
            </button>
          </p>
          <p class="hint" role="status">
            {stale ? tp('plan.move_preview_again') : ''}
          </p>
          {(shown || previewing || failed) && (
            <DecisionPreview
              id="plan-move-preview"
              shown={shown}
              busy={previewing}
              failed={failed}
              waiting={false}
              languages={languages}
              fields={fields}
              hint={tp('plan.move_preview_hint')}
              local={(pointer) => pointer}
            />
          )}
          <SendActions label={tp('plan.move_submit')} busy={busy} onCancel={onCancel} testid="move-submit" />
        </>
      )}
    </form>
  );
}
