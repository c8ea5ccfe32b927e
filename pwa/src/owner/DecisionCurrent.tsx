// A case's decision as it stands — what was decided, by which owner and at what hour (never
// finer), when the customers hear again, the other case of a duplicate, the owner's words per
// language — and its earlier versions (changed, reopened, or set aside in a merge), folded away.
// The cases decided as duplicates of this one are listed: their customers hear what this one's do.
import { Fragment } from 'preact';
import { formatDay, lang } from '../i18n';
import { onLink } from '../router';
import { hourLabel } from './case-logic';
import type { DecisionView } from './decision-api';
import { PARTS } from './decision-logic';
import { td, type DecisionKey } from './decision-text';
import { kindLabel } from './DecisionKind';
import { languageName, partLabel } from './DecisionWords';
import type { CaseRef } from './desk-api';
import { caseHref, remarkCount } from './Inbox';

const ENDED: Record<NonNullable<DecisionView['ended']>, DecisionKey> = {
  changed: 'decision.ended.changed',
  reopened: 'decision.ended.reopened',
  merged: 'decision.ended.merged',
};

function CaseLinkTo({ found }: { found: { id: string; title: string } }) {
  const href = caseHref(found.id);
  return (
    <a href={href} onClick={onLink(href)}>
      {found.title}
    </a>
  );
}

/** One version of a decision, in full. */
export function DecisionBody({ decision }: { decision: DecisionView }) {
  return (
    <>
      <p>
        <strong class="state state-decided">{kindLabel(decision.kind)}</strong>
      </p>
      <p class="meta">
        {td('decision.by', { by: decision.by })} ·{' '}
        <time dateTime={new Date(decision.at * 1000).toISOString()}>{hourLabel(decision.at, lang())}</time>
      </p>
      {decision.duplicate_of && (
        <p>
          {td('decision.duplicate_link')} <CaseLinkTo found={decision.duplicate_of} />
        </p>
      )}
      {decision.kind !== 'duplicate' && (
        <p>{decision.hear_again_on ? td('decision.hear_again_on', { day: formatDay(decision.hear_again_on) }) : td('decision.final')}</p>
      )}
      {decision.texts.map((text) => (
        <div class="decision-text" key={text.language}>
          <p class="label">{td('decision.text_in', { language: languageName(text.language) })}</p>
          <dl class="desk-facts">
            {PARTS.filter((part) => text[part]).map((part) => (
              <Fragment key={part}>
                <dt>{partLabel(part, decision.kind)}</dt>
                <dd class="sent-text" lang={text.language}>
                  {text[part]}
                </dd>
              </Fragment>
            ))}
          </dl>
        </div>
      ))}
    </>
  );
}

export function DecisionHistory({ decisions }: { decisions: DecisionView[] }) {
  const earlier = decisions.filter((decision) => decision.ended !== null);
  if (!earlier.length) return null;
  return (
    <details class="decision-history" data-testid="decision-history">
      <summary>{td('decision.history', { n: earlier.length })}</summary>
      <ol class="desk-history">
        {earlier.map((decision) => (
          <li key={decision.seq}>
            <p class="label">
              {td('decision.version', { seq: decision.seq })} · {decision.ended && td(ENDED[decision.ended])}
            </p>
            <DecisionBody decision={decision} />
          </li>
        ))}
      </ol>
    </details>
  );
}

export function DecisionDuplicates({ duplicates }: { duplicates: CaseRef[] }) {
  if (!duplicates.length) return null;
  return (
    <section aria-labelledby="decision-duplicates-title">
      <h4 id="decision-duplicates-title">{td('decision.duplicates')}</h4>
      <p class="hint">{td('decision.duplicates_hint')}</p>
      <ul class="decision-duplicates" data-testid="decision-duplicates">
        {duplicates.map((found) => (
          <li key={found.id}>
            <CaseLinkTo found={found} /> <span class="meta">({remarkCount(found.remarks)})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
