// Merging two decided cases: only one decision can stand, so the owner says which (the
// customers of the other hear of the change). Asked when both are known to be decided, or when
// the server asks for it (422 on `/keep`).
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';
import { td } from './decision-text';
import { kindLabel } from './DecisionKind';
import type { CaseView } from './desk-api';

interface Props {
  /** The case the other goes into ("this"), and the other. */
  mine: CaseView;
  other: CaseView;
  busy: boolean;
  onKeep: (keep: 'this' | 'other') => void;
  onCancel: () => void;
}

export function MergeKeep({ mine, other, busy, onKeep, onCancel }: Props) {
  const question = useRef<HTMLParagraphElement>(null);
  useEffect(() => question.current?.focus(), []);
  const choice = (keep: 'this' | 'other', found: CaseView) => (
    <button type="button" class="secondary" disabled={busy} onClick={() => onKeep(keep)}>
      {td('decision.keep', { title: found.title, kind: found.decision ? kindLabel(found.decision.kind) : '' })}
    </button>
  );
  return (
    <div class="case-form merge-keep" role="group" aria-labelledby="merge-keep-question">
      <p class="label" id="merge-keep-question" tabIndex={-1} ref={question}>
        {td('decision.keep_question')}
      </p>
      <p class="hint">{td('decision.keep_hint')}</p>
      <div class="actions">
        {choice('this', mine)}
        {choice('other', other)}
        <button type="button" class="link" onClick={onCancel}>
          {t('desk.ack.cancel')}
        </button>
      </div>
    </div>
  );
}
