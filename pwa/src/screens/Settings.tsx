// Settings: the app's language (saved on my account), the mail I get about decisions
// (feed/NewsChoices), a new password, adding the app to the home screen (the browser's own
// prompt where there is one), signing out. (The screens of my other roles are in the navigation.)
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { NewsSettings } from '../feed/NewsChoices';
import { LANGS, lang, t, type Key, type Lang } from '../i18n';
import { navigate } from '../router';
import { forget } from '../offline-copies';
import { clear, items } from '../outbox';
import { me, setPerson, signOut, type Person } from '../session';
import { CurrentPasswordInput, errorsOf, Field, FormError, NewPasswordInput, Notice, useSubmit, type Errors } from '../ui';

interface InstallPrompt extends Event {
  prompt(): Promise<void>;
}

let deferredInstall: InstallPrompt | null = null;
addEventListener('beforeinstallprompt', (event) => {
  event.preventDefault();
  deferredInstall = event as InstallPrompt;
});

function InstallHint() {
  const [prompt, setPrompt] = useState(deferredInstall);
  const standalone = matchMedia('(display-mode: standalone)').matches;
  useEffect(() => {
    const take = (event: Event) => setPrompt(event as InstallPrompt);
    addEventListener('beforeinstallprompt', take);
    return () => removeEventListener('beforeinstallprompt', take);
  }, []);
  if (standalone) return null;
  return (
    <section class="install">
      <h2>{t('settings.install')}</h2>
      <p>{prompt ? t('settings.install_hint') : t('settings.install_manual')}</p>
      {prompt && (
        <button type="button" class="secondary" onClick={() => void prompt.prompt()}>
          {t('settings.install_button')}
        </button>
      )}
    </section>
  );
}

/** A new password: the current one proves it is me; every other session of mine ends. */
function NewPassword() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState(false);
  const { busy, errors, submit } = useSubmit(async () => {
    setDone(false);
    setPerson(await api<Person>('POST', '/me/password', { current_password: current, new_password: next }));
    setCurrent('');
    setNext('');
    setDone(true);
  });
  return (
    <section>
      <h2>{t('settings.password')}</h2>
      <form onSubmit={submit} noValidate>
        <FormError errors={errors} />
        <CurrentPasswordInput
          id="current-password"
          label={t('settings.current_password')}
          value={current}
          onValue={setCurrent}
          error={errors['/current_password']}
        />
        <NewPasswordInput value={next} onValue={setNext} error={errors['/new_password']} />
        <button type="submit" class="secondary" disabled={busy}>
          {t('settings.change_password')}
        </button>
      </form>
      {done && <Notice>{t('settings.password_changed')}</Notice>}
    </section>
  );
}

export default function Settings() {
  const person = me();
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState(false);

  const changeLanguage = async (language: Lang) => {
    setErrors({});
    setSaved(false);
    try {
      setPerson(await api<Person>('PATCH', '/me', { language }));
      setSaved(true);
    } catch (err) {
      setErrors(errorsOf(err));
    }
  };

  const leave = async () => {
    try {
      // What still waits to be sent is lost at sign-out: say so, and only then clear it.
      const unsent = await items(person?.id);
      if (unsent.length > 0 && !confirm(t('settings.sign_out_unsent', { count: unsent.length }))) return;
      await signOut();
      if (person) await Promise.all([clear(person.id), forget(person.id)]);
      navigate('/sign-in', true);
    } catch (err) {
      setErrors(errorsOf(err));
    }
  };

  if (!person) return null;
  return (
    <main>
      <h1>{t('settings.title')}</h1>
      <p>{t('settings.signed_in_as', { name: person.name, email: person.email })}</p>
      <FormError errors={errors} />
      <Field id="app-language" label={t('settings.language')} error={errors['/language']}>
        <select id="app-language" value={lang()} onChange={(e) => void changeLanguage(e.currentTarget.value as Lang)}>
          {LANGS.map((l) => (
            <option value={l}>{t(`lang.${l}` as Key)}</option>
          ))}
        </select>
      </Field>
      {saved && <Notice>{t('settings.saved')}</Notice>}
      <NewsSettings />
      <NewPassword />
      <InstallHint />
      <button type="button" class="secondary" onClick={() => void leave()}>
        {t('settings.sign_out')}
      </button>
    </main>
  );
}
