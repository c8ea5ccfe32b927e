// Sign in with a password, or ask for a link by mail; a link opened here (/sign-in#token=…)
// signs in at once.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { t } from '../i18n';
import { navigate, onLink, takeLinkToken } from '../router';
import { setPerson, type Person } from '../session';
import { CurrentPasswordInput, EmailInput, errorsOf, FormError, Notice, useSubmit } from '../ui';

export default function SignIn() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [linkSent, setLinkSent] = useState(false);
  const [redeeming, setRedeeming] = useState(false);

  const signIn = useSubmit(async () => {
    setPerson(await api<Person>('POST', '/session', { email, password }));
    if (location.pathname === '/sign-in') navigate('/', true);
  });
  const mailLink = useSubmit(async () => {
    if (!email.trim()) throw fieldError('/email', t('signin.email_needed'));
    await api('POST', '/session/link', { email });
    setLinkSent(true);
  });
  const errors = { ...signIn.errors, ...mailLink.errors };
  const { setErrors } = signIn;

  // A link opened here (/sign-in#token=…) signs in at once.
  useEffect(() => {
    const token = takeLinkToken();
    if (!token) return;
    setRedeeming(true);
    api<Person>('POST', '/session/link/redeem', { token })
      .then((person) => {
        setPerson(person);
        navigate('/', true);
      })
      .catch((err) => {
        setRedeeming(false);
        setErrors(errorsOf(err));
      });
  }, []);

  if (redeeming) {
    return (
      <main>
        <h1>{t('signin.title')}</h1>
        <Notice>{t('signin.redeeming')}</Notice>
      </main>
    );
  }

  return (
    <main class="narrow">
      <h1>{t('signin.title')}</h1>
      <p class="tagline">{t('app.tagline')}</p>
      <form onSubmit={signIn.submit} noValidate>
        <FormError errors={errors} />
        <EmailInput value={email} onValue={setEmail} error={errors['/email']} />
        <CurrentPasswordInput id="password" label={t('signin.password')} value={password} onValue={setPassword} error={errors['/password']} />
        <button type="submit" class="primary" disabled={signIn.busy || mailLink.busy}>
          {t('signin.submit')}
        </button>
      </form>
      <p class="or">{t('signin.or')}</p>
      <button type="button" class="secondary" onClick={() => mailLink.submit()} disabled={signIn.busy || mailLink.busy}>
        {t('signin.link')}
      </button>
      {linkSent && <Notice>{t('signin.link_sent')}</Notice>}
      <p>
        <a href="/reset-password" onClick={onLink('/reset-password')}>
          {t('signin.forgot')}
        </a>
      </p>
    </main>
  );
}

/** A refusal of our own, shown like the server's: next to its field. */
function fieldError(pointer: string, detail: string): ApiError {
  return new ApiError(422, { type: 'urn:earshot:problem:invalid-body', title: detail, status: 422, errors: [{ pointer, code: 'missing', detail }] });
}
