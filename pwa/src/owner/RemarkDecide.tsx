// "Decide" on a remark: a decision is taken on a case, so a lone remark becomes a case of one
// (titled by its facts, docs/decisions.md) — or, in a case already, that case is opened. The
// case opens with its decision editor; a decided remark's case shows the decision.
import { navigate } from '../router';
import { FormError, useSubmit } from '../ui';
import { caseOfRemark } from './decision-api';
import { td } from './decision-text';
import { DECIDE_HASH } from './DecisionSection';
import type { DeskRemark } from './desk-api';
import { caseHref } from './Inbox';

interface Props {
  remark: DeskRemark;
  /** A case was made: the inbox asks again. */
  onChanged: () => void;
}

export function RemarkDecide({ remark, onChanged }: Props) {
  const decided = remark.remark.state === 'decided';
  const { busy, errors, submit } = useSubmit(async () => {
    const found = await caseOfRemark(remark.remark.id);
    onChanged();
    navigate(caseHref(found.id) + (decided ? '' : DECIDE_HASH));
  });
  return (
    <>
      <button type="button" class={decided ? 'primary' : 'secondary'} data-testid="remark-decide" disabled={busy} onClick={() => submit()}>
        {decided ? td('decision.remark_decided') : td('decision.remark_decide')}
      </button>
      <FormError errors={errors} />
    </>
  );
}
