// What both first answers (one remark's, a whole case's) are made of alike: the day by which the
// real answer comes — a date field from tomorrow to 90 days ahead, and the server's draft for
// that day (a changed day asks for a new draft after a short pause; only the answer to the latest
// question counts: a slow network, a day typed quickly) — and the buttons that send or cancel.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { describedBy, errorsOf, Field, type Errors } from '../ui';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A whole day as the API writes it (YYYY-MM-DD). */
export const isDay = (day: string) => DAY.test(day);

interface Dated {
  promised_on: string;
  earliest: string;
  latest: string;
}

/** The draft for the day chosen. `onFresh` is told of every draft that arrives (to fill the
 * owner's text where they have not written yet). */
export function useDayDraft<D extends Dated>(fetchDraft: (day?: string) => Promise<D>, onFresh: (draft: D) => void) {
  const [draft, setDraft] = useState<D | null>(null);
  const [loadErrors, setLoadErrors] = useState<Errors>({});
  const [promisedOn, setPromisedOn] = useState('');
  const [dateError, setDateError] = useState<string | undefined>(undefined);
  const asked = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const told = useRef(onFresh);
  told.current = onFresh;

  const load = async (day?: string) => {
    const mine = ++asked.current;
    try {
      const fresh = await fetchDraft(day);
      if (mine !== asked.current) return;
      setDraft(fresh);
      setDateError(undefined);
      if (!day) setPromisedOn(fresh.promised_on);
      told.current(fresh);
    } catch (err) {
      if (mine !== asked.current) return;
      const problems = errorsOf(err);
      if (day) setDateError(Object.values(problems)[0]);
      else setLoadErrors(problems);
    }
  };

  useEffect(() => {
    void load();
    return () => clearTimeout(timer.current);
  }, []);

  const changeDay = (day: string) => {
    setPromisedOn(day);
    clearTimeout(timer.current);
    asked.current++; // a draft still on its way is for another day now
    if (isDay(day)) timer.current = setTimeout(() => void load(day), 300);
  };

  /** The draft afresh for the day chosen (the case changed under the owner's eyes). */
  const reload = () => load(isDay(promisedOn) ? promisedOn : undefined);

  return { draft, loadErrors, promisedOn, dateError, changeDay, reload };
}

interface FieldProps {
  id: string;
  label: string;
  value: string;
  /** Its first and last day. */
  range: Dated;
  error?: string;
  onDay: (day: string) => void;
}

export function PromisedOnField({ id, label, value, range, error, onDay }: FieldProps) {
  const hint = t('desk.ack.promised_on_hint');
  return (
    <Field id={id} label={label} hint={hint} error={error} required>
      <input
        id={id}
        type="date"
        value={value}
        min={range.earliest}
        max={range.latest}
        aria-required="true"
        aria-invalid={Boolean(error)}
        aria-describedby={describedBy(id, error, hint)}
        onInput={(e) => onDay(e.currentTarget.value)}
      />
    </Field>
  );
}

/** Send (busy while it goes, said to screen readers) or cancel. */
export function SendActions({
  label,
  busy,
  onCancel,
  testid,
}: {
  label: string;
  busy: boolean;
  onCancel: () => void;
  testid?: string;
}) {
  return (
    <>
      <div class="actions">
        <button type="submit" class="primary" data-testid={testid} disabled={busy}>
          {label}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('desk.ack.cancel')}
        </button>
      </div>
      <p class="sending" role="status">
        {busy ? t('desk.ack.sending') : ''}
      </p>
    </>
  );
}

/** Another owner changed it first: what the server said, and that the owner's words are kept. */
export function ConflictNotice({ said, keep }: { said: string; keep: string }) {
  return (
    <div class="conflict" role="alert" tabIndex={-1}>
      <p>
        <strong>{said}</strong>
      </p>
      <p>{keep}</p>
    </div>
  );
}
