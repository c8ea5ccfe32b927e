// What the owner decides, as one radio group: each kind with a line on what it asks of them and
// what the customers will read, so the choice is made knowing what follows from it.
import { t } from '../i18n';
import { KINDS, type DecisionKind } from './decision-api';
import { td, type DecisionKey } from './decision-text';

const LABEL: Record<DecisionKind, DecisionKey> = {
  act: 'decision.kind.act',
  no_action: 'decision.kind.no_action',
  already_done: 'decision.kind.already_done',
  duplicate: 'decision.kind.duplicate',
  praise: 'decision.kind.praise',
};

const HINT: Record<DecisionKind, DecisionKey> = {
  act: 'decision.kind.act_hint',
  no_action: 'decision.kind.no_action_hint',
  already_done: 'decision.kind.already_done_hint',
  duplicate: 'decision.kind.duplicate_hint',
  praise: 'decision.kind.praise_hint',
};

/** A kind in words ("Voorlopig doen we niets"). */
export const kindLabel = (kind: DecisionKind) => td(LABEL[kind]);

/** The id of a kind's radio: where the error summary's link for `/kind` leads (the first). */
export const kindId = (kind: DecisionKind) => `decision-kind-${kind}`;

interface Props {
  kind: DecisionKind | null;
  onKind: (kind: DecisionKind) => void;
  error?: string;
}

export function DecisionKindField({ kind, onKind, error }: Props) {
  return (
    <fieldset class={error ? 'field invalid' : 'field'} aria-describedby={error ? 'decision-kind-error' : undefined}>
      <legend>
        {td('decision.kind')}
        <span class="required"> ({t('common.required')})</span>
      </legend>
      {KINDS.map((value) => {
        const id = kindId(value);
        return (
          <div class="decision-kind" key={value}>
            <label class="radio" for={id}>
              <input
                type="radio"
                id={id}
                name="decision-kind"
                value={value}
                checked={kind === value}
                aria-describedby={`${id}-hint`}
                data-testid={id}
                onChange={() => onKind(value)}
              />
              <span>{kindLabel(value)}</span>
            </label>
            <p class="hint" id={`${id}-hint`}>
              {td(HINT[value])}
            </p>
          </div>
        );
      })}
      {error && (
        <p class="error" id="decision-kind-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
