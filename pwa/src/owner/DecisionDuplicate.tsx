// Which case this one is a duplicate of: its link pasted (or its number), or one click on a case
// the desk finds alike (the suggestions for the case's first remark, docs/cases.md). The server
// follows a chain of duplicates to its root, and refuses this case itself or a loop.
import { useEffect, useState } from 'preact/hooks';
import { Input } from '../ui';
import { caseIdFrom } from './decision-logic';
import { td } from './decision-text';
import { suggestions, type CaseRef, type CaseView } from './desk-api';

export const DUPLICATE_ID = 'decision-duplicate-of';

interface Props {
  view: CaseView;
  value: string;
  onValue: (value: string) => void;
  error?: string;
}

export function DecisionDuplicate({ view, value, onValue, error }: Props) {
  const [alike, setAlike] = useState<CaseRef[]>([]);
  const first = view.remarks[0]?.remark.id;

  useEffect(() => {
    if (!first) return;
    suggestions(first).then(
      ({ items }) => {
        const found = new Map<string, CaseRef>();
        for (const item of items) if (item.case && item.case.id !== view.id) found.set(item.case.id, item.case);
        setAlike([...found.values()]);
      },
      // No suggestions: the link or number does as well.
      () => setAlike([]),
    );
  }, [first]);

  const chosen = caseIdFrom(value);
  const known = [...alike, ...(view.decision?.duplicate_of ? [{ ...view.decision.duplicate_of, remarks: 0 }] : [])].find((c) => c.id === chosen);
  return (
    <div class="decision-duplicate">
      <Input
        id={DUPLICATE_ID}
        data-testid={DUPLICATE_ID}
        label={td('decision.duplicate_of')}
        hint={td('decision.duplicate_of_hint')}
        autocomplete="off"
        spellcheck={false}
        value={value}
        onValue={onValue}
        error={error}
        required
      />
      {known && <p class="done">{td('decision.duplicate_chosen', { title: known.title })}</p>}
      {alike.length > 0 && (
        <div role="group" aria-labelledby="decision-duplicate-alike">
          <p class="label" id="decision-duplicate-alike">
            {td('decision.duplicate_suggested')}
          </p>
          <div class="actions">
            {alike.map((found) => (
              <button type="button" class="secondary" key={found.id} aria-pressed={found.id === chosen} onClick={() => onValue(found.id)}>
                {found.title}
              </button>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
