import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { pickLang, translator, type Key } from './i18n';
import './style.css';

const lang = pickLang(navigator.languages ?? [navigator.language]);
const t = translator(lang);
document.documentElement.lang = lang;

function ServerStatus() {
  const [state, setState] = useState<Key>('server.checking');
  useEffect(() => {
    fetch('/readyz', { cache: 'no-store' })
      .then((res) => setState(res.ok ? 'server.ready' : 'server.unreachable'))
      .catch(() => setState('server.unreachable'));
  }, []);
  return (
    <p class="status" role="status" data-state={state}>
      {t(state)}
    </p>
  );
}

function App() {
  return (
    <main>
      <h1>earshot</h1>
      <p class="tagline">{t('app.tagline')}</p>
      <p>{t('app.placeholder')}</p>
      <ServerStatus />
    </main>
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
