// Small building blocks every screen shares: a labelled field with its hint and error, a form
// error summary, and turning a server error into messages per field.
import type { ComponentChildren, InputHTMLAttributes } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from './api';
import { t } from './i18n';

export type Errors = Record<string, string>;

/** Field errors by JSON Pointer; anything else under "" (the form as a whole). */
export function errorsOf(err: unknown): Errors {
  if (err instanceof ApiError) {
    if (err.status === 0) return { '': t('common.offline') };
    const fields = err.problem?.errors ?? [];
    if (fields.length) return Object.fromEntries(fields.map((f) => [f.pointer, f.detail]));
    return { '': err.problem?.detail ?? err.problem?.title ?? t('common.error') };
  }
  return { '': t('common.error') };
}

interface FieldProps {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  optional?: boolean;
  required?: boolean;
  children: ComponentChildren;
}

/** A label, the control (whose id is `id`), a hint and an error, tied together for screen readers. */
export function Field({ id, label, error, hint, optional, required, children }: FieldProps) {
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>
        {label}
        {optional && <span class="optional"> ({t('common.optional')})</span>}
        {required && <span class="required"> ({t('common.required')})</span>}
      </label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

type InputAttributes = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'label' | 'rows'>;

interface InputProps extends InputAttributes {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string;
  hint?: string;
  optional?: boolean;
  /** Marked as required (the label says so, and so does the control to screen readers). */
  required?: boolean;
  /** A multi-line text instead of a one-line input. */
  rows?: number;
}

/** A labelled text input (or textarea, with `rows`) with its hint and error. */
export function Input({ id, label, value, onValue, error, hint, optional, required, rows, ...attributes }: InputProps) {
  const shared = {
    id,
    value,
    'aria-required': required || undefined,
    'aria-invalid': Boolean(error),
    'aria-describedby': describedBy(id, error, hint),
  };
  return (
    <Field id={id} label={label} error={error} hint={hint} optional={optional} required={required}>
      {rows ? (
        <textarea {...shared} lang={attributes.lang} rows={rows} onInput={(e) => onValue(e.currentTarget.value)} />
      ) : (
        <input {...attributes} {...shared} onInput={(e) => onValue(e.currentTarget.value)} />
      )}
    </Field>
  );
}

/** The person's own e-mail address (sign-in, reset). */
export function EmailInput(props: { value: string; onValue: (value: string) => void; error?: string }) {
  return <Input id="email" label={t('signin.email')} type="email" inputMode="email" autocomplete="username" {...props} />;
}

/** A password the person knows now (sign-in, changing it). */
export function CurrentPasswordInput(props: { id: string; label: string; value: string; onValue: (value: string) => void; error?: string }) {
  return <Input type="password" autocomplete="current-password" {...props} />;
}

/** A password the person chooses, with the advice on choosing one. */
export function NewPasswordInput(props: { value: string; onValue: (value: string) => void; error?: string }) {
  return <Input id="new-password" label={t('password.new')} hint={t('password.hint')} type="password" autocomplete="new-password" {...props} />;
}

/** A form's sending state: busy while `action` runs, its refusal as errors per field. */
export function useSubmit(action: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const run = async () => {
    setBusy(true);
    setErrors({});
    try {
      await action();
    } catch (err) {
      setErrors(errorsOf(err));
    } finally {
      setBusy(false);
    }
  };
  // An event handler returns nothing: the outcome shows as `busy` and `errors`.
  const submit = (event?: Event): void => {
    event?.preventDefault();
    void run();
  };
  return { busy, errors, setErrors, submit };
}

/** aria-describedby for a control inside a Field. */
export function describedBy(id: string, error?: string, hint?: string): string | undefined {
  const ids = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** Where each field of a form is and what it is called, by its JSON Pointer: the error
 * summary links each problem to its field. */
export type FieldMap = Record<string, { id: string; label: string }>;

/** At the top of a refused form: how many things to check, each a link to its field. It takes
 * the focus when it appears, so the person (and their screen reader) is told at once, wherever
 * on the form they were. A problem of no field in `fields` is shown as it is. */
export function ErrorSummary({ errors, fields, level = 2 }: { errors: Errors; fields: FieldMap; level?: 2 | 3 | 4 }) {
  const problems = Object.entries(errors);
  if (!problems.length) return null;
  const count = problems.filter(([pointer]) => pointer !== '').length;
  // Its heading one level below the form's own (h2 on a screen's form, deeper inside a section).
  const Heading = `h${level}` as const;
  const go = (id: string) => (event: Event) => {
    event.preventDefault();
    const target = document.getElementById(id);
    target?.scrollIntoView({ block: 'center' });
    target?.focus();
  };
  return (
    <div class="error-summary" role="alert" tabIndex={-1} aria-labelledby="error-summary-title">
      <Heading id="error-summary-title">{count === 1 ? t('form.problem_one') : count ? t('form.problems', { count }) : errors['']}</Heading>
      <ul>
        {problems.map(([pointer, message]) => {
          const field = fields[pointer];
          if (pointer === '' && !count) return null;
          return (
            <li>
              {field ? (
                <a href={`#${field.id}`} onClick={go(field.id)}>
                  {field.label} — {message}
                </a>
              ) : (
                message
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The form-level message: what no single field carries. */
export function FormError({ errors }: { errors: Errors }) {
  const general = errors[''];
  const fieldCount = Object.keys(errors).filter((k) => k !== '').length;
  if (!general && !fieldCount) return null;
  return (
    <p class="form-error" role="alert">
      {general ?? t('form.check_fields')}
    </p>
  );
}

export function Notice({ children }: { children: ComponentChildren }) {
  return (
    <p class="notice" role="status">
      {children}
    </p>
  );
}

/** Something is loading, said once to screen readers. */
export function Loading() {
  return (
    <p class="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

/** Run `load` when the screen opens and again each time the network comes back (a screen that
 * opened from its last-known copy catches up by itself). */
export function useLoadOnReturn(load: () => unknown) {
  useEffect(() => {
    const again = () => void load();
    again();
    addEventListener('online', again);
    return () => removeEventListener('online', again);
  }, []);
}
