// The owner's words for the customers of one language: first what each of them will read before
// anything the owner writes (their own feeling, as the colleague noted it — the server puts it
// there and it cannot be taken out), then the parts the owner writes once for all of them: an
// answer to that feeling, the facts as we understand them, what will and will not be done and
// why, and — when the decision changes — why it changed.
import { t, type Key, type Lang } from '../i18n';
import { customerName } from '../remark';
import { describedBy, Field, type Errors } from '../ui';
import { customerCount } from './CaseAnswer';
import type { DecisionDraft, DecisionKind } from './decision-api';
import { needsOutcome, textPointer, type Part, type Words } from './decision-logic';
import { td, type DecisionKey } from './decision-text';

type Customer = DecisionDraft['customers'][number];

/** What `outcome` is for each kind that has words. */
const OUTCOME: Record<Exclude<DecisionKind, 'duplicate'>, DecisionKey> = {
  act: 'decision.outcome.act',
  no_action: 'decision.outcome.no_action',
  already_done: 'decision.outcome.already_done',
  praise: 'decision.outcome.praise',
};

/** A part's label, as the field and the decision shown later name it. */
export function partLabel(part: Part, kind: DecisionKind): string {
  if (part === 'outcome') return td(kind === 'duplicate' ? 'decision.outcome.no_action' : OUTCOME[kind]);
  return td(part === 'feeling' ? 'decision.feeling' : part === 'facts' ? 'decision.facts' : 'decision.change');
}

/** The id (and test id) of a part's box. */
export const partId = (part: Part, language: Lang) => `decision-${part}-${language}`;

export const languageName = (language: Lang) => t(`lang.${language}` as Key);

/** What each customer of this language reads first, and what to know about their mail. */
function CustomerLines({ customers }: { customers: Customer[] }) {
  if (!customers.length) return null;
  return (
    <details class="decision-customers" open={customers.length <= 3}>
      <summary>
        {td('decision.customers')} ({customerCount(customers.length)})
      </summary>
      <p class="hint">{td('decision.customers_hint')}</p>
      <ul>
        {customers.map((customer) => (
          <li key={customer.remark_id}>
            <strong>{customerName(customer)}</strong>
            <p class="preview" lang={customer.language}>
              {customer.feeling_line}
            </p>
            {customer.late && <p class="warn">{td('decision.customer_late')}</p>}
            {customer.words_other_language && <p class="warn">{td('decision.customer_words_other')}</p>}
          </li>
        ))}
      </ul>
    </details>
  );
}

interface BoxProps {
  id: string;
  label: string;
  hint: string;
  language: Lang;
  rows: number;
  value: string;
  required: boolean;
  error?: string;
  onValue: (value: string) => void;
}

function Box({ id, label, hint, language, rows, value, required, error, onValue }: BoxProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error} required={required} optional={!required}>
      <textarea
        id={id}
        data-testid={id}
        rows={rows}
        lang={language}
        value={value}
        aria-required={required || undefined}
        aria-invalid={Boolean(error)}
        aria-describedby={describedBy(id, error, hint)}
        onInput={(e) => onValue(e.currentTarget.value)}
      />
    </Field>
  );
}

interface Props {
  language: Lang;
  /** How many customers read these words (the draft's count). */
  count: number;
  customers: Customer[];
  kind: DecisionKind;
  changing: boolean;
  words: Words;
  errors: Errors;
  onWords: (words: Words) => void;
}

export function DecisionWords({ language, count, customers, kind, changing, words, errors, onWords }: Props) {
  const box = (part: Part, rows: number, required: boolean, hint: string) => (
    <Box
      id={partId(part, language)}
      label={partLabel(part, kind)}
      hint={hint}
      language={language}
      rows={rows}
      value={words[part]}
      required={required}
      error={errors[textPointer(language, part)]}
      onValue={(value) => onWords({ ...words, [part]: value })}
    />
  );
  const outcomeHint = kind === 'praise' ? td('decision.outcome_praise_hint') : td('decision.outcome_hint');
  return (
    <fieldset class="case-language decision-part">
      <legend>{td('decision.part', { language: languageName(language), customers: customerCount(count) })}</legend>
      <CustomerLines customers={customers} />
      {box('feeling', 3, false, td('decision.feeling_hint'))}
      {box('facts', 3, false, td('decision.facts_hint'))}
      {box('outcome', 5, needsOutcome(kind), outcomeHint)}
      {changing && box('change', 3, true, td('decision.change_hint'))}
    </fieldset>
  );
}
