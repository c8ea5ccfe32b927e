// What owners did to a case, oldest first: who (an owner, by name), what, with how many remarks,
// and the hour — never finer, and never which remark: the history reads the same whoever
// captured what. The other case of a merge or a split is named, a link while it still exists.
// A plan's event says what it is about when the server tells (the task, or the new day).
import { formatDay, lang, t, type Key } from '../i18n';
import { onLink } from '../router';
import { hourLabel } from './case-logic';
import { td, type DecisionKey } from './decision-text';
import type { CaseEvent } from './desk-api';
import { caseHref, remarkCount } from './Inbox';
import { tp, type PlanKey } from './plan-text';

type DecisionEvent = 'decided' | 'decision_changed' | 'reopened' | 'called';

/** The decision's events (docs/decisions.md), worded in the decision catalog. */
const DECISION_KIND: Record<DecisionEvent, DecisionKey> = {
  decided: 'decision.history.decided',
  decision_changed: 'decision.history.decision_changed',
  reopened: 'decision.history.reopened',
  called: 'decision.history.called',
};

type PlanEvent = 'plan_made' | 'task_added' | 'task_changed' | 'task_removed' | 'task_done' | 'plan_done' | 'plan_moved' | 'plan_dropped';

/** The action plan's events (docs/plans.md), worded in the plan catalog. */
const PLAN_KIND: Record<PlanEvent, PlanKey> = {
  plan_made: 'plan.history.plan_made',
  task_added: 'plan.history.task_added',
  task_changed: 'plan.history.task_changed',
  task_removed: 'plan.history.task_removed',
  task_done: 'plan.history.task_done',
  plan_done: 'plan.history.plan_done',
  plan_moved: 'plan.history.plan_moved',
  plan_dropped: 'plan.history.plan_dropped',
};

const KIND: Record<Exclude<CaseEvent['kind'], DecisionEvent | PlanEvent>, Key> = {
  created: 'desk.case.history.created',
  added: 'desk.case.history.added',
  removed: 'desk.case.history.removed',
  renamed: 'desk.case.history.renamed',
  merged_in: 'desk.case.history.merged_in',
  merged_into: 'desk.case.history.merged_into',
  split_off: 'desk.case.history.split_off',
  split_from: 'desk.case.history.split_from',
  acknowledged: 'desk.case.history.acknowledged',
};

/** The event in words (null for a kind this app does not know yet). */
function wordsOf(event: CaseEvent): string | null {
  const vars = { by: event.by, remarks: remarkCount(event.remarks) };
  const kind: string = event.kind;
  if (kind in DECISION_KIND) return td(DECISION_KIND[kind as DecisionEvent], vars);
  if (kind in PLAN_KIND) return tp(PLAN_KIND[kind as PlanEvent], vars);
  if (kind in KIND) return t(KIND[kind as keyof typeof KIND], vars);
  return null;
}

/** The event with what it is about: the new day of a move, else the task's words, quoted. */
function withDetail(said: string, kind: CaseEvent['kind'], detail: string): string {
  if (kind === 'plan_moved' && /^\d{4}-\d{2}-\d{2}$/.test(detail)) return tp('plan.history.with_day', { said, day: formatDay(detail) });
  return tp('plan.history.with_detail', { said, detail });
}

/** The event in words; the other case's title in the sentence where the language puts it. */
function Said({ event }: { event: CaseEvent }) {
  const said = wordsOf(event) ?? '';
  const other = event.other;
  if (event.detail) return <>{withDetail(said, event.kind, event.detail)}</>;
  if (!other) return <>{said}</>;
  const [before, after = ''] = said.split('{title}');
  const href = caseHref(other.id);
  return (
    <>
      {before}
      {other.exists ? (
        <a href={href} onClick={onLink(href)}>
          {other.title}
        </a>
      ) : (
        other.title
      )}
      {after}
    </>
  );
}

export function CaseHistory({ history }: { history: CaseEvent[] }) {
  return (
    <section aria-labelledby="case-history-title">
      <h3 id="case-history-title">{t('desk.history.title')}</h3>
      {history.length === 0 ? (
        <p class="hint">{t('desk.history.empty')}</p>
      ) : (
        <ol class="desk-history" data-testid="case-history">
          {history.filter((event) => wordsOf(event) !== null).map((event) => (
            <li>
              <Said event={event} /> ·{' '}
              <time class="meta" dateTime={new Date(event.at * 1000).toISOString()}>
                {hourLabel(event.at, lang())}
              </time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
