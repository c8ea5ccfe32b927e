// Deciding what becomes of a case (docs/decisions.md), or changing the decision: the kind, the
// owner's words once per language of its customers (prefilled by the server's draft: nothing
// for a first decision, the current words when changing), the day they hear again, or the case
// it duplicates — and beside it the preview of every customer's mail. Sending names the case's
// version and every remark's: another owner's change first is said plainly (409), the case
// shown as it is now and the owner's words kept; a refusal (422) is shown at its field.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { t, type Lang } from '../i18n';
import { describedBy, ErrorSummary, errorsOf, Field, FormError, Loading, type Errors, type FieldMap } from '../ui';
import { useCaseAction } from './case-action';
import { decide, decisionDraft, type DecisionDraft, type DecisionKind } from './decision-api';
import {
  checkChoice,
  decisionRequest,
  localErrors,
  NO_WORDS,
  PARTS,
  takesWords,
  textPointer,
  type Choice,
  type Problem,
  type Words,
} from './decision-logic';
import { ConflictNotice, SendActions } from './AckParts';
import { td } from './decision-text';
import { DecisionDuplicate, DUPLICATE_ID } from './DecisionDuplicate';
import { DecisionKindField, kindId } from './DecisionKind';
import { DecisionPreview, usePreview } from './DecisionPreview';
import { DecisionWords, languageName, partId, partLabel } from './DecisionWords';
import type { CaseView } from './desk-api';

const DAY_ID = 'decision-hear-again';

const PROBLEM: Record<Problem, () => string> = {
  kind: () => td('decision.pick_kind'),
  blank: () => t('check.field-blank'),
  date: () => t('check.field-date'),
  duplicate: () => td('decision.duplicate_bad'),
};

/** Each field by the screen's pointer: where the error summary's and the preview's links lead. */
function fieldsOf(languages: Lang[], kind: DecisionKind | null): FieldMap {
  const map: FieldMap = {
    '/kind': { id: kindId('act'), label: td('decision.kind') },
    '/hear_again_on': { id: DAY_ID, label: td('decision.hear_again') },
    '/duplicate_of': { id: DUPLICATE_ID, label: td('decision.duplicate_of') },
  };
  for (const language of languages) {
    for (const part of PARTS) {
      const label = `${partLabel(part, kind ?? 'no_action')} (${languageName(language)})`;
      map[textPointer(language, part)] = { id: partId(part, language), label };
    }
  }
  return map;
}

type Texts = Partial<Record<Lang, Words>>;

/** The draft's words, by language. */
const wordsOf = (draft: DecisionDraft): Texts =>
  Object.fromEntries(
    draft.texts.map((text) => [
      text.language,
      { feeling: text.feeling ?? '', facts: text.facts ?? '', outcome: text.outcome ?? '', change: text.change ?? '' },
    ]),
  );

interface Props {
  view: CaseView;
  onDecided: (fresh: CaseView, changed: boolean) => void;
  onOvertaken: (current: CaseView | null) => void | Promise<void>;
  onCancel: () => void;
}

export function DecisionEditor({ view, onDecided, onOvertaken, onCancel }: Props) {
  const [draft, setDraft] = useState<DecisionDraft | null>(null);
  const [loadErrors, setLoadErrors] = useState<Errors>({});
  const [kind, setKind] = useState<DecisionKind | null>(view.decision?.kind ?? null);
  const [words, setWords] = useState<Texts>({});
  const [day, setDay] = useState('');
  const [duplicateOf, setDuplicateOf] = useState(view.decision?.duplicate_of?.id ?? '');
  const [overtaken, setOvertaken] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const editor = useRef<HTMLElement>(null);
  // What the draft last put in each box: while a box still holds it, a new draft replaces it;
  // once the owner has written in it, their words stay (across a reload after a 409 too).
  const filled = useRef<{ words: Texts; day: string }>({ words: {}, day: '' });
  const dayTouched = useRef(false);
  // The kind as it is when a draft arrives (the owner may have changed it meanwhile).
  const kindNow = useRef(kind);
  kindNow.current = kind;

  const load = async () => {
    try {
      const fresh = await decisionDraft(view.id);
      const before = filled.current.words;
      const drafted = wordsOf(fresh);
      setWords((current) => {
        const next: Texts = {};
        for (const language of fresh.texts.map((text) => text.language)) {
          const mine = current[language] ?? NO_WORDS;
          const was = before[language] ?? NO_WORDS;
          const theirs = drafted[language] ?? NO_WORDS;
          next[language] = Object.fromEntries(PARTS.map((p) => [p, mine[p] !== was[p] ? mine[p] : theirs[p]])) as Words;
        }
        return next;
      });
      // A day is put in only where one is expected: when acting, or kept from the decision changed.
      if (!dayTouched.current && (fresh.changing || kindNow.current === 'act')) setDay(fresh.hear_again_on ?? '');
      filled.current = { words: drafted, day: fresh.hear_again_on ?? '' };
      setDraft(fresh);
      setLoadErrors({});
    } catch (err) {
      setLoadErrors(errorsOf(err));
    }
  };

  useEffect(() => {
    void load();
    heading.current?.focus();
  }, []);

  const { busy, errors, setErrors, run } = useCaseAction(async (current) => {
    setOvertaken(true);
    await onOvertaken(current);
    await load();
  });

  // Refused, or overtaken: the summary (or the notice) takes the focus and is read out.
  useEffect(() => {
    const target = editor.current?.querySelector<HTMLElement>(overtaken ? '.conflict' : '.error-summary');
    target?.scrollIntoView({ block: 'center' });
    target?.focus();
  }, [errors, overtaken]);

  const languages = draft?.texts.map((text) => text.language) ?? [];
  const changing = draft?.changing ?? Boolean(view.decision);
  const choice: Choice | null = kind && { kind, words, languages, changing, hearAgainOn: day, duplicateOf };
  const request = choice && draft ? decisionRequest(view, choice) : null;
  const preview = usePreview(view.id, request);
  const fields = fieldsOf(languages, kind);

  const chooseKind = (next: DecisionKind) => {
    setKind(next);
    if (next === 'act' && !day && !dayTouched.current) setDay(filled.current.day);
  };

  const send = (event: Event) => {
    event.preventDefault();
    setOvertaken(false);
    void run(async () => {
      const problems = checkChoice({ kind: kind ?? undefined, words, languages, changing, hearAgainOn: day, duplicateOf });
      if (Object.keys(problems).length) {
        setErrors(Object.fromEntries(Object.entries(problems).map(([pointer, problem]) => [pointer, PROBLEM[problem]()])));
        return;
      }
      if (!request) return;
      try {
        onDecided(await decide(view.id, request.body), changing);
      } catch (err) {
        // Refused: each problem at its field, the server's pointers counted in the texts sent.
        if (!(err instanceof ApiError) || err.status !== 422) throw err;
        setErrors(localErrors(errorsOf(err), request.sent, languages));
      }
    });
  };

  const { '': said, ...fieldErrors } = errors;
  const dayHint = kind === 'act' ? td('decision.hear_again_act') : td('decision.hear_again_other');
  const dayError = errors['/hear_again_on'];
  return (
    <section class="ack-editor decision-editor" data-testid="decision-editor" aria-labelledby="decision-editor-title" ref={editor}>
      <h4 id="decision-editor-title" tabIndex={-1} ref={heading}>
        {changing ? td('decision.editor_title_change') : td('decision.editor_title')}
      </h4>
      <p class="hint">{td('decision.intro')}</p>
      <FormError errors={loadErrors} />
      {!draft && !loadErrors[''] && <Loading />}
      {overtaken && said && (
        <ConflictNotice said={said} keep={td('decision.conflict_keep')} />
      )}
      {draft && (
        <form onSubmit={send} noValidate aria-busy={busy}>
          <ErrorSummary errors={overtaken ? fieldErrors : errors} fields={fields} level={4} />
          <DecisionKindField kind={kind} onKind={chooseKind} error={errors['/kind']} />
          {kind === 'duplicate' && <DecisionDuplicate view={view} value={duplicateOf} onValue={setDuplicateOf} error={errors['/duplicate_of']} />}
          {kind && takesWords(kind) && (
            <>
              {languages.length > 1 && <p class="hint">{td('decision.part_left_out')}</p>}
              {draft.texts.map((text) => (
                <DecisionWords
                  key={text.language}
                  language={text.language}
                  count={text.customers}
                  customers={draft.customers.filter((customer) => customer.language === text.language)}
                  kind={kind}
                  changing={changing}
                  words={words[text.language] ?? NO_WORDS}
                  errors={errors}
                  onWords={(next) => setWords((current) => ({ ...current, [text.language]: next }))}
                />
              ))}
              <Field id={DAY_ID} label={td('decision.hear_again')} hint={dayHint} error={dayError} required={kind === 'act'} optional={kind !== 'act'}>
                <input
                  id={DAY_ID}
                  data-testid={DAY_ID}
                  type="date"
                  value={day}
                  min={draft.earliest}
                  max={draft.latest}
                  aria-required={kind === 'act' || undefined}
                  aria-invalid={Boolean(dayError)}
                  aria-describedby={describedBy(DAY_ID, dayError, dayHint)}
                  onInput={(e) => {
                    dayTouched.current = true;
                    setDay(e.currentTarget.value);
                  }}
                />
              </Field>
            </>
          )}
          <DecisionPreview {...preview} waiting={!kind} languages={languages} fields={fields} />
          <SendActions label={changing ? td('decision.send_change') : td('decision.send')} busy={busy} onCancel={onCancel} testid="decision-submit" />
        </form>
      )}
    </section>
  );
}
