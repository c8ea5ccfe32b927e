// "Looks like": open remarks or cases likely about the same thing as this remark, the most alike
// first (the server ranks them: docs/cases.md), each with the one click that fits — make a case
// of the two, put this remark in the suggested case, merge that case into this remark's, or take
// the suggested remark into it. Each ends on the case, except taking a remark in: the owner
// stays here, to take in more. Merging two decided cases first asks which decision stands.
import type { ComponentChildren } from 'preact';
import { customerName } from '../remark';
import { useState } from 'preact/hooks';
import { t, type Key } from '../i18n';
import { navigate, onLink } from '../router';
import { FormError, Loading } from '../ui';
import { useCaseAction } from './case-action';
import { firstLine, percent, suggestionAction, titleFrom, type SuggestionAction } from './case-logic';
import { refusedAt } from './decision-api';
import { addToCase, createCase, getCase, mergeCase, suggestions, type CaseView, type DeskRemark, type Suggestion } from './desk-api';
import { CaseLink, useDetail } from './desk-detail';
import { caseHref, rowHref } from './Inbox';
import { MergeKeep } from './MergeKeep';

const ACTION: Record<SuggestionAction, Key> = {
  group: 'desk.suggest.group',
  join: 'desk.suggest.join',
  merge: 'desk.suggest.merge',
  take: 'desk.suggest.take',
};

interface Props {
  remark: DeskRemark;
  /** A case was made or changed: the inbox asks again. */
  onChanged: () => void;
  /** The remark itself changed (it is in a case now, or its case grew): ask for it again. */
  onRemark: () => void;
}

export function Suggestions({ remark, onChanged, onRemark }: Props) {
  const id = remark.remark.id;
  const { value, errors: loadErrors, load } = useDetail(() => suggestions(id));
  const [done, setDone] = useState('');
  // Both cases of a merge are decided: which decision stands is asked before merging.
  const [asking, setAsking] = useState<{ mine: CaseView; other: CaseView } | null>(null);
  const items = value?.items ?? null;
  const own = remark.case ?? null;

  // Overtaken (the remark went into another case, a case changed): both afresh.
  const { busy, errors, run } = useCaseAction(async () => {
    setAsking(null);
    onRemark();
    onChanged();
    await load();
  });

  const open = (caseId: string) => {
    onChanged();
    navigate(caseHref(caseId));
  };

  /** Merge `other` into `mine`; asks which decision stands when the server wants to know. */
  const merge = async (mine: CaseView, other: CaseView, keep?: 'this' | 'other') => {
    try {
      await mergeCase(mine.id, mine.version, { id: other.id, version: other.version }, keep);
    } catch (err) {
      if (keep || !refusedAt(err, '/keep')) throw err;
      setAsking({ mine, other });
      return;
    }
    setAsking(null);
    open(mine.id);
  };

  const act = (suggestion: Suggestion) =>
    run(async () => {
      setDone('');
      const theirs = suggestion.remark.remark.id;
      const found = suggestion.case;
      if (found && own) {
        // Each case as it is now: a merge names the version of both.
        const [mine, other] = await Promise.all([getCase(own.id), getCase(found.id)]);
        if (mine.decision && other.decision) setAsking({ mine, other });
        else await merge(mine, other);
      } else if (found) {
        const target = await getCase(found.id);
        await addToCase(target.id, target.version, [id]);
        open(target.id);
      } else if (own) {
        const mine = await getCase(own.id);
        await addToCase(mine.id, mine.version, [theirs]);
        setDone(t('desk.suggest.taken', { name: customerName(suggestion.remark.remark.customer), title: mine.title }));
        onRemark();
        onChanged();
        await load();
      } else {
        const made = await createCase(titleFrom(remark.remark.facts) || remark.remark.customer.name, [id, theirs]);
        open(made.id);
      }
    });

  return (
    <section class="desk-suggestions" aria-labelledby="desk-suggest-title">
      <h3 id="desk-suggest-title">{t('desk.suggest.title')}</h3>
      <p class="hint">{t('desk.suggest.intro')}</p>
      <FormError errors={loadErrors} />
      {items === null && !loadErrors[''] && <Loading />}
      {items && items.length === 0 && <p>{t('desk.suggest.none')}</p>}
      {items && items.length > 0 && (
        <ul class="remarks suggestions" data-testid="suggestions" aria-labelledby="desk-suggest-title">
          {items.map((suggestion, i) => {
            const action = suggestionAction(Boolean(suggestion.case), Boolean(own));
            return (
              <SuggestionItem key={suggestion.remark.remark.id} suggestion={suggestion} n={i}>
                <button
                  type="button"
                  class="secondary"
                  data-testid="suggestion-action"
                  disabled={busy}
                  aria-describedby={`suggestion-${i}`}
                  onClick={() => void act(suggestion)}
                >
                  {t(ACTION[action], { title: own?.title ?? '' })}
                </button>
              </SuggestionItem>
            );
          })}
        </ul>
      )}
      {asking && (
        <MergeKeep
          mine={asking.mine}
          other={asking.other}
          busy={busy}
          onKeep={(keep) => void run(() => merge(asking.mine, asking.other, keep))}
          onCancel={() => setAsking(null)}
        />
      )}
      <FormError errors={errors} />
      <p class={done ? 'notice success' : 'sending'} role="status">
        {busy ? t('desk.suggest.busy') : done}
      </p>
    </section>
  );
}

/** One suggestion: whose remark (a link to read it first), how alike, what it says, its case. */
function SuggestionItem({ suggestion, n, children }: { suggestion: Suggestion; n: number; children: ComponentChildren }) {
  const { remark } = suggestion.remark;
  const href = rowHref(remark.id);
  return (
    <li class="card suggestion" data-testid="suggestion">
      <p class="row-head">
        <a id={`suggestion-${n}`} href={href} onClick={onLink(href)}>
          <strong>{customerName(remark.customer)}</strong>
        </a>
        <span class="score">{t('desk.suggest.score', { n: percent(suggestion.score) })}</span>
      </p>
      <p class="facts-line">{firstLine(remark.facts)}</p>
      {suggestion.case && <CaseLink found={suggestion.case} />}
      {children}
    </li>
  );
}
