// The "choose a password" form shared by an invitation and a password reset.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { navigate } from '../router';
import { setPerson, type Person } from '../session';
import { FormError, NewPasswordInput, useSubmit } from '../ui';

interface Props {
  /** `/invitations/accept` or `/password-reset/complete`. */
  endpoint: string;
  token: string;
  submitLabel: string;
}

export function ChoosePassword({ endpoint, token, submitLabel }: Props) {
  const [password, setPassword] = useState('');
  const { busy, errors, submit } = useSubmit(async () => {
    setPerson(await api<Person>('POST', endpoint, { token, password }));
    navigate('/', true);
  });
  return (
    <form onSubmit={submit} noValidate>
      <FormError errors={errors} />
      <NewPasswordInput value={password} onValue={setPassword} error={errors['/password']} />
      <button type="submit" class="primary" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
