// Sign in with a password, or ask for a link by mail; a link opened here (/sign-in#token=…)
// signs in at once.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { t } from '../i18n';
import { navigate, onLink, takeLinkToken } from '../router';
import { setPerson, type Person } from '../session';
import { describedBy, errorsOf, Field, FormError, Notice, type Errors } from '../ui';

export default function SignIn() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [linkSent, setLinkSent] = useState(false);
  const [redeeming, setRedeeming] = useState(false);

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

  const signIn = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      setPerson(await api<Person>('POST', '/session', { email, password }));
      if (location.pathname === '/sign-in') navigate('/', true);
    } catch (err) {
      setErrors(errorsOf(err));
    } finally {
      setBusy(false);
    }
  };

  const mailLink = async () => {
    setErrors({});
    if (!email.trim()) {
      setErrors({ '/email': t('signin.email_needed') });
      return;
    }
    setBusy(true);
    try {
      await api('POST', '/session/link', { email });
      setLinkSent(true);
    } catch (err) {
      setErrors(errorsOf(err));
    } finally {
      setBusy(false);
    }
  };

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
      <form onSubmit={signIn} noValidate>
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
        <Field id="password" label={t('signin.password')} error={errors['/password']}>
          <input
            id="password"
            type="password"
            autocomplete="current-password"
            required
            value={password}
            aria-invalid={Boolean(errors['/password'])}
            aria-describedby={describedBy('password', errors['/password'])}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </Field>
        <button type="submit" class="primary" disabled={busy}>
          {t('signin.submit')}
        </button>
      </form>
      <p class="or">{t('signin.or')}</p>
      <button type="button" class="secondary" onClick={mailLink} disabled={busy}>
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
