// Reopening a decided case: the reason, once per language of its customers, and a new promised
// day (tomorrow to 90 days ahead). The case is back in the inbox with that promise, its customers
// are told why and by when they hear again, and the decision stays in the history as reopened.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { t, type Lang } from '../i18n';
import { describedBy, ErrorSummary, errorsOf, Field, type Errors, type FieldMap } from '../ui';
import { useCaseAction } from './case-action';
import { reopenCase } from './decision-api';
import { dayAfter, isDay } from './decision-logic';
import { SendActions } from './AckParts';
import { td } from './decision-text';
import { languageName } from './DecisionWords';
import type { CaseView } from './desk-api';

const DAY_ID = 'reopen-day';
const textId = (language: Lang) => `reopen-text-${language}`;
const textLabel = (language: Lang) => td('decision.reopen_text', { language: languageName(language) });

function fieldsOf(languages: Lang[]): FieldMap {
  const map: FieldMap = { '/promised_on': { id: DAY_ID, label: td('decision.reopen_day') } };
  if (languages.length) map['/texts'] = { id: textId(languages[0]), label: textLabel(languages[0]) };
  languages.forEach((language, i) => (map[`/texts/${i}/text`] = { id: textId(language), label: textLabel(language) }));
  return map;
}

interface Props {
  view: CaseView;
  onReopened: (fresh: CaseView) => void;
  onOvertaken: (current: CaseView | null) => void | Promise<void>;
  onCancel: () => void;
}

export function DecisionReopen({ view, onReopened, onOvertaken, onCancel }: Props) {
  const languages = view.languages;
  const [texts, setTexts] = useState<Partial<Record<Lang, string>>>({});
  // A week ahead, as a first answer proposes; the server's clock, the browser's calendar.
  const [day, setDay] = useState(() => dayAfter(view.now, 7));
  const heading = useRef<HTMLHeadingElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const { busy, errors, setErrors, run } = useCaseAction(onOvertaken);

  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    const target = form.current?.querySelector<HTMLElement>('.error-summary');
    target?.scrollIntoView({ block: 'center' });
    target?.focus();
  }, [errors]);

  const send = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const problems: Errors = {};
      if (!isDay(day)) problems['/promised_on'] = t('check.field-date');
      languages.forEach((language, i) => {
        if (!texts[language]?.trim()) problems[`/texts/${i}/text`] = t('check.field-blank');
      });
      if (Object.keys(problems).length) {
        setErrors(problems);
        return;
      }
      try {
        const fresh = await reopenCase(view.id, {
          version: view.version,
          promised_on: day,
          texts: languages.map((language) => ({ language, text: texts[language] ?? '' })),
        });
        onReopened(fresh);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 422) throw err;
        setErrors(errorsOf(err));
      }
    });
  };

  const dayHint = td('decision.reopen_day_hint');
  const dayError = errors['/promised_on'];
  return (
    <form class="case-form" data-testid="decision-reopen" onSubmit={send} noValidate aria-labelledby="decision-reopen-title" aria-busy={busy} ref={form}>
      <h4 id="decision-reopen-title" tabIndex={-1} ref={heading}>
        {td('decision.reopen_title')}
      </h4>
      <p class="hint">{td('decision.reopen_intro')}</p>
      <ErrorSummary errors={errors} fields={fieldsOf(languages)} level={4} />
      {languages.map((language, i) => {
        const id = textId(language);
        const error = errors[`/texts/${i}/text`] ?? (i === 0 ? errors['/texts'] : undefined);
        return (
          <Field key={language} id={id} label={textLabel(language)} error={error} required>
            <textarea
              id={id}
              data-testid={id}
              rows={4}
              lang={language}
              value={texts[language] ?? ''}
              aria-required="true"
              aria-invalid={Boolean(error)}
              aria-describedby={describedBy(id, error)}
              onInput={(e) => {
                const text = e.currentTarget.value;
                setTexts((current) => ({ ...current, [language]: text }));
              }}
            />
          </Field>
        );
      })}
      <Field id={DAY_ID} label={td('decision.reopen_day')} hint={dayHint} error={dayError} required>
        <input
          id={DAY_ID}
          data-testid={DAY_ID}
          type="date"
          value={day}
          min={dayAfter(view.now, 1)}
          max={dayAfter(view.now, 90)}
          aria-required="true"
          aria-invalid={Boolean(dayError)}
          aria-describedby={describedBy(DAY_ID, dayError, dayHint)}
          onInput={(e) => setDay(e.currentTarget.value)}
        />
      </Field>
      <SendActions label={td('decision.reopen_send')} busy={busy} onCancel={onCancel} testid="reopen-submit" />
    </form>
  );
}
