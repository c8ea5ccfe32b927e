// One way every change to a case is run: busy while it runs (its buttons wait), refused as
// messages per field, and overtaken (409: another owner changed the case, or put the remark in
// another case first) said in the server's own words — then the screen shows the case as it is
// now, from the problem when it carries it, else asked for afresh.
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { errorsOf, type Errors } from '../ui';
import { caseConflictOf, type CaseView } from './desk-api';

export function useCaseAction(onOvertaken: (current: CaseView | null) => void | Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setErrors({});
    try {
      await work();
    } catch (err) {
      const conflict = caseConflictOf(err);
      if (conflict) {
        setErrors({ '': conflict.message || t('common.error') });
        await Promise.resolve(onOvertaken(conflict.current)).catch(() => undefined);
      } else {
        setErrors(errorsOf(err));
      }
    } finally {
      setBusy(false);
    }
  };
  return { busy, errors, setErrors, run };
}
