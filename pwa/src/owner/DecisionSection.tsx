// The decision part of a case's view (docs/decisions.md): the customers still to phone with it;
// the decision as it stands, with the ways to change it or to reopen the case — or, while there
// is none, the way to decide; its earlier versions; and the cases that are duplicates of this one.
// An editor or form stays open (with the owner's words) when the case changes under it.
import { useEffect } from 'preact/hooks';
import type { CaseView } from './desk-api';
import { td } from './decision-text';
import { DecisionCalls } from './DecisionCalls';
import { DecisionBody, DecisionDuplicates, DecisionHistory } from './DecisionCurrent';
import { DecisionEditor } from './DecisionEditor';
import { DecisionReopen } from './DecisionReopen';
import { useOpener } from './desk-detail';

/** The address a remark's "Decide" leads to: the case, its editor open. */
export const DECIDE_HASH = '#decide';

interface Props {
  view: CaseView;
  /** The case changed (as it is now, or null to ask again), with what to tell the owner. */
  onChanged: (fresh: CaseView | null, said?: string) => void | Promise<void>;
}

export function DecisionSection({ view, onChanged }: Props) {
  const editing = useOpener();
  const reopening = useOpener();
  const current = view.decision;

  // Come from a remark's "Decide": the editor is open, and the address is the case's again.
  useEffect(() => {
    if (location.hash !== DECIDE_HASH) return;
    history.replaceState(history.state, '', location.pathname);
    if (!current) editing.setOpen(true);
  }, []);

  const busyElsewhere = editing.open || reopening.open;
  return (
    <section class="decision" aria-labelledby="decision-title">
      <h3 id="decision-title">{td('decision.title')}</h3>
      <DecisionCalls view={view} onCalled={(fresh, said) => void onChanged(fresh, said)} onOvertaken={onChanged} />
      {current && (
        <div class="decision-current" data-testid="decision-current">
          <h4>{td('decision.current')}</h4>
          <DecisionBody decision={current} />
          {!busyElsewhere && (
            <div class="actions">
              <button type="button" class="secondary" ref={editing.opener} onClick={() => editing.setOpen(true)}>
                {td('decision.change_open')}
              </button>
              <button type="button" class="secondary" ref={reopening.opener} onClick={() => reopening.setOpen(true)}>
                {td('decision.reopen_open')}
              </button>
            </div>
          )}
        </div>
      )}
      {!current && !editing.open && (
        <>
          <p class="hint">{td('decision.intro')}</p>
          <button type="button" class="primary" data-testid="decision-open" ref={editing.opener} onClick={() => editing.setOpen(true)}>
            {td('decision.open')}
          </button>
        </>
      )}
      {editing.open && (
        <DecisionEditor
          view={view}
          onDecided={(fresh, changed) => {
            editing.setOpen(false);
            void onChanged(fresh, changed ? td('decision.sent_change') : td('decision.sent'));
          }}
          onOvertaken={onChanged}
          onCancel={editing.cancel}
        />
      )}
      {reopening.open && !editing.open && (
        <DecisionReopen
          view={view}
          onReopened={(fresh) => {
            reopening.setOpen(false);
            void onChanged(fresh, td('decision.reopened'));
          }}
          onOvertaken={onChanged}
          onCancel={reopening.cancel}
        />
      )}
      <DecisionHistory decisions={view.decisions} />
      <DecisionDuplicates duplicates={view.duplicates} />
    </section>
  );
}
