// The "choose a password" form shared by an invitation and a password reset.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { t } from '../i18n';
import { navigate } from '../router';
import { setPerson, type Person } from '../session';
import { FormError, Input, useSubmit } from '../ui';

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
      <Input
        id="new-password"
        label={t('password.new')}
        hint={t('password.hint')}
        type="password"
        autocomplete="new-password"
        value={password}
        onValue={setPassword}
        error={errors['/password']}
      />
      <button type="submit" class="primary" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
