// Small building blocks every screen shares: a labelled field with its hint and error, a form
// error summary, and turning a server error into messages per field.
import type { ComponentChildren } from 'preact';
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
  children: ComponentChildren;
}

/** A label, the control (whose id is `id`), a hint and an error, tied together for screen readers. */
export function Field({ id, label, error, hint, optional, children }: FieldProps) {
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>
        {label}
        {optional && <span class="optional"> ({t('common.optional')})</span>}
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

/** aria-describedby for a control inside a Field. */
export function describedBy(id: string, error?: string, hint?: string): string | undefined {
  const ids = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
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
