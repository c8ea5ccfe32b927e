// /reset-password: ask for a reset link by mail; /reset-password#token=…: choose a new one.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { t } from '../i18n';
import { onLink, takeLinkToken } from '../router';
import { describedBy, errorsOf, Field, FormError, Notice, type Errors } from '../ui';
import { ChoosePassword } from './ChoosePassword';

function RequestLink() {
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      await api('POST', '/password-reset', { email });
      setSent(true);
    } catch (err) {
      setErrors(errorsOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <p>{t('reset.request_intro')}</p>
      <FormError errors={errors} />
      <Field id="email" label={t('signin.email')} error={errors['/email']}>
        <input
          id="email"
          type="email"
          autocomplete="username"
          inputMode="email"
          required
          value={email}
          aria-invalid={Boolean(errors['/email'])}
          aria-describedby={describedBy('email', errors['/email'])}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
      </Field>
      <button type="submit" class="primary" disabled={busy}>
        {t('reset.request_submit')}
      </button>
      {sent && <Notice>{t('reset.sent')}</Notice>}
    </form>
  );
}

export default function Reset() {
  const [token] = useState(takeLinkToken);
  return (
    <main class="narrow">
      <h1>{t('reset.title')}</h1>
      {token ? (
        <>
          <p>{t('reset.choose_intro')}</p>
          <ChoosePassword endpoint="/password-reset/complete" token={token} submitLabel={t('reset.submit')} />
        </>
      ) : (
        <RequestLink />
      )}
      <p>
        <a href="/sign-in" onClick={onLink('/sign-in')}>
          {t('signin.title')}
        </a>
      </p>
    </main>
  );
}
