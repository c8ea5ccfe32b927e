// The "choose a password" form shared by an invitation and a password reset.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { t } from '../i18n';
import { navigate } from '../router';
import { setPerson, type Person } from '../session';
import { describedBy, errorsOf, Field, FormError, type Errors } from '../ui';

interface Props {
  /** `/invitations/accept` or `/password-reset/complete`. */
  endpoint: string;
  token: string;
  submitLabel: string;
}

export function ChoosePassword({ endpoint, token, submitLabel }: Props) {
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      setPerson(await api<Person>('POST', endpoint, { token, password }));
      navigate('/', true);
    } catch (err) {
      setErrors(errorsOf(err));
    } finally {
      setBusy(false);
    }
  };

  const error = errors['/password'];
  return (
    <form onSubmit={submit} noValidate>
      <FormError errors={errors} />
      <Field id="new-password" label={t('password.new')} hint={t('password.hint')} error={error}>
        <input
          id="new-password"
          type="password"
          autocomplete="new-password"
          required
          value={password}
          aria-invalid={Boolean(error)}
          aria-describedby={describedBy('new-password', error, t('password.hint'))}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </Field>
      <button type="submit" class="primary" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
