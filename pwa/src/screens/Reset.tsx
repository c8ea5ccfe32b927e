// /reset-password: ask for a reset link by mail; /reset-password#token=…: choose a new one.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { t } from '../i18n';
import { onLink, takeLinkToken } from '../router';
import { EmailInput, FormError, Notice, useSubmit } from '../ui';
import { ChoosePassword } from './ChoosePassword';

function RequestLink() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const { busy, errors, submit } = useSubmit(async () => {
    await api('POST', '/password-reset', { email });
    setSent(true);
  });
  return (
    <form onSubmit={submit} noValidate>
      <p>{t('reset.request_intro')}</p>
      <FormError errors={errors} />
      <EmailInput value={email} onValue={setEmail} error={errors['/email']} />
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
