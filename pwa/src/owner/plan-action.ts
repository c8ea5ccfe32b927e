// One way every change to a plan is run, like a case's (case-action.ts): busy while it runs,
// refused as messages per field (422, the server's words) — but overtaken (409: `stale`,
// `plan-exists`, `plan-closed`, `task-done`, `not-act`) is handed to the plan section, which
// says it above whatever it shows next: a plan made by another owner replaces the editor.
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { errorsOf, type Errors } from '../ui';
import { caseConflictOf, type CaseView } from './desk-api';

export type OnConflict = (message: string, current: CaseView | null) => void | Promise<void>;

export function usePlanAction(onConflict: OnConflict) {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setErrors({});
    try {
      await work();
    } catch (err) {
      const conflict = caseConflictOf(err);
      if (conflict) await Promise.resolve(onConflict(conflict.message || t('common.error'), conflict.current)).catch(() => undefined);
      else setErrors(errorsOf(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, errors, setErrors, run };
}
