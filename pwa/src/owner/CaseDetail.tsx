// One case on the owner's desk (docs/cases.md): its name (changed in place) and topic, its most
// urgent promise, the first answer to all its customers at once, its decision (docs/decisions.md),
// its action plan when it was decided `act` (docs/plans.md), its remarks — to open one, or to
// pick some to take out or split off — and what owners did to it. A case merged into another only says where it went. Never who brought a remark in: the API
// does not say.
import { lang, t } from '../i18n';
import type { Topic } from '../model';
import { onLink } from '../router';
import { FormError } from '../ui';
import { CaseAnswer, customerCount } from './CaseAnswer';
import { CaseHistory } from './CaseHistory';
import { CaseRemarks } from './CaseRemarks';
import { CaseRename } from './CaseRename';
import { DecisionSection } from './DecisionSection';
import { getCase, type CaseView } from './desk-api';
import { BackToInbox, NotLoaded, useDetail, useDone } from './desk-detail';
import { caseHref, remarkCount } from './Inbox';
import type { PlanView } from './plan-api';
import { PlanSection } from './PlanSection';
import { PromiseClock } from './PromiseClock';

interface Props {
  id: string;
  topics: Topic[];
  /** Something changed: the inbox asks again. */
  onChanged: () => void;
  /** Its last remark was taken out: the case is gone. */
  onGone: () => void;
}

/** Where a case merged away went. */
function Merged({ view }: { view: CaseView }) {
  const href = caseHref(view.merged_into ?? '');
  return (
    <p class="warning" data-testid="case-merged">
      {t('desk.case.merged')}{' '}
      <a href={href} onClick={onLink(href)}>
        {t('desk.case.merged_open')}
      </a>
    </p>
  );
}

/** How many remarks, and the most urgent promise among them. */
function Status({ view, topics }: { view: CaseView; topics: Topic[] }) {
  const topic = topics.find((tp) => tp.id === view.topic_id);
  return (
    <>
      <p class="desk-status">
        <span class="case-count" data-testid="case-count">
          {remarkCount(view.remarks.length)}
        </span>{' '}
        {view.due_at === null ? (
          <span class="meta">{t('desk.case.no_promise')}</span>
        ) : (
          <>
            {t('desk.case.promise')} <PromiseClock dueAt={view.due_at} now={view.now} />
          </>
        )}
      </p>
      {topic && (
        <dl class="desk-facts">
          <dt>{t('capture.topic')}</dt>
          <dd>{topic.labels[lang()]}</dd>
        </dl>
      )}
    </>
  );
}

export function CaseDetail({ id, topics, onChanged, onGone }: Props) {
  const { value: view, setValue: setView, errors, load, heading } = useDetail(() => getCase(id));
  const { say, shown: done } = useDone();

  /** A change went through (the case as it is now, and what to say), or was overtaken (the case
   * from the problem, or asked for afresh). The inbox asks again either way. */
  const changed = async (fresh: CaseView | null, said = '') => {
    say(said);
    if (fresh) setView(fresh);
    else await load();
    onChanged();
  };

  /** A plan call answers with the plan: shown at once. The history gained its event: the case
   * is asked for again, and kept unless the plan moved on meanwhile (a quicker second change). */
  const planChanged = (plan: PlanView) => {
    setView((current) => current && { ...current, plan });
    onChanged();
    getCase(id).then(
      (fresh) => setView((current) => (current?.plan && fresh.plan && fresh.plan.version < current.plan.version ? current : fresh)),
      () => undefined,
    );
  };

  if (!view) return <NotLoaded errors={errors} id="desk-case-title" title={t('desk.case.heading')} heading={heading} />;

  return (
    <article class="desk-remark desk-case" aria-labelledby="desk-case-title">
      <BackToInbox />
      <h2 id="desk-case-title" data-testid="case-title" tabIndex={-1} ref={heading}>
        {view.title}
      </h2>
      <FormError errors={errors} />
      {view.merged_into ? (
        <Merged view={view} />
      ) : (
        <>
          <Status view={view} topics={topics} />
          <CaseRename view={view} topics={topics} onRenamed={(fresh) => void changed(fresh, t('desk.case.renamed'))} onOvertaken={changed} />
          {done}
          {/* A decided case's customers have had the answer: no first answer is due. */}
          {!view.decision && (
            <CaseAnswer
              view={view}
              onSent={(fresh, way, customers) => {
                const said = way === 'auto' ? 'desk.case_ack.sent' : 'desk.case_ack.sent_pass_on';
                void changed(fresh, t(said, { customers: customerCount(customers) }));
              }}
              onOvertaken={changed}
            />
          )}
          <DecisionSection view={view} onChanged={changed} />
          {view.decision?.kind === 'act' && <PlanSection view={view} onCase={changed} onPlan={planChanged} />}
          <CaseRemarks view={view} topics={topics} onChanged={changed} onGone={onGone} />
        </>
      )}
      <CaseHistory history={view.history} />
    </article>
  );
}
