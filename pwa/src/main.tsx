// The app shell: who is signed in, the header with the organisation's name, the screen the path
// names and the navigation — both from the one route table (routes.tsx) — with the badges for
// what waits. Capture is the home screen and ships in this chunk; every other screen (and each
// role's screens) is its own chunk, loaded when first opened.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from './api';
import { flush, items, onOutboxChange, startSender } from './outbox';
import { loadKnown } from './offline-copies';
import { setLang, t } from './i18n';
import { navigate, onLink, useRoute } from './router';
import { Icon, match, mayOpen, ROUTES, Unreachable } from './routes';
import { browserLang, loadSession, me, onSessionChange, setPerson } from './session';
import './style.css';

interface MyRemarksCount {
  waiting: number;
}

/** The navigation from the route table: a bar at the bottom on phones, a column at the side on
 * wide screens; each entry its icon and a short label, with the badges for what waits. */
function Nav({ path, waiting, unsent }: { path: string; waiting: number; unsent: number }) {
  const person = me();
  const entries = ROUTES.filter((route) => route.nav && typeof route.path === 'string' && mayOpen(route, person));
  const active = (href: string) => (href === '/' ? path === '/' : path.startsWith(href));
  return (
    <nav class="tabs" aria-label={t('nav.label')} style={{ '--tabs': entries.length }}>
      {entries.map((route) => {
        const href = route.path as string;
        const nav = route.nav!;
        return (
          <a href={href} onClick={onLink(href)} aria-current={active(href) ? 'page' : undefined} data-testid={`nav-${href.slice(1) || 'capture'}`}>
            <Icon name={nav.icon} />
            <span class="tab-label">{t(nav.short)}</span>
            {href === '/' && unsent > 0 && (
              <span class="badge unsent" aria-label={t('nav.unsent', { count: unsent })}>
                {unsent}
              </span>
            )}
            {href === '/mine' && waiting > 0 && (
              <span class="badge" aria-label={t('nav.waiting', { count: waiting })}>
                {waiting}
              </span>
            )}
          </a>
        );
      })}
    </nav>
  );
}

/** Above every signed-in screen: the organisation's name (from its settings, or the copy this
 * phone last saw). */
function Header() {
  const [name, setName] = useState('');
  const person = me();
  useEffect(() => {
    loadKnown('settings', () => api<{ name: string }>('GET', '/settings'))
      .then(({ data }) => setName(data.name))
      .catch(() => setName(''));
  }, [person?.id]);
  return (
    <header class="app-header">
      <span class="app-name">earshot</span>
      {name && name !== 'earshot' && <span class="org-name">{name}</span>}
    </header>
  );
}

function NotFound() {
  return (
    <main>
      <h1>{t('common.not_found')}</h1>
      <p>
        <a href="/" onClick={onLink('/')}>
          {t('nav.capture')}
        </a>
      </p>
    </main>
  );
}

function App() {
  const path = useRoute();
  const [, rerender] = useState(0);
  const [waiting, setWaiting] = useState(0);
  const person = me();
  // A mailed link pasted into this tab changes only the #token part: open its screen afresh.
  const [link, setLink] = useState(0);
  const [unsent, setUnsent] = useState(0);
  useEffect(
    () =>
      onSessionChange(() => {
        rerender((n) => n + 1);
        // Signed in again: what waited for the session goes now.
        void flush(true);
      }),
    [],
  );
  // The outbox's badge: what this account still has to send.
  useEffect(() => {
    const count = () => void items().then((all) => setUnsent(all.length));
    count();
    return onOutboxChange(count);
  }, [person?.id]);
  useEffect(() => {
    const opened = () => location.hash.includes('token=') && setLink((n) => n + 1);
    addEventListener('hashchange', opened);
    return () => removeEventListener('hashchange', opened);
  }, []);
  const found = match(path);
  const isPublic = found?.route.who === 'public';

  // The badge: how many of my remarks wait for my answer (on start and on every screen change).
  useEffect(() => {
    if (!person || isPublic) return;
    api<MyRemarksCount>('GET', '/my-remarks')
      .then((mine) => setWaiting(mine.waiting))
      .catch(() => undefined);
  }, [person, path]);

  if (isPublic && found) {
    if (person && path === '/sign-in' && !location.hash.includes('token=')) {
      navigate('/', true);
      return null;
    }
    const Public = found.route.screen;
    return <Public key={link} id="" onWaiting={setWaiting} />;
  }
  const SignIn = match('/sign-in')!.route.screen;
  if (!person) return <SignIn key={link} id="" onWaiting={setWaiting} />;
  const Screen = found && mayOpen(found.route, person) ? found.route.screen : NotFound;
  return (
    <div class="shell">
      <Header />
      <Screen id={found?.id ?? ''} onWaiting={setWaiting} />
      <Nav path={path} waiting={waiting} unsent={unsent} />
    </div>
  );
}

const root = document.getElementById('app');

function start() {
  if (!root) return;
  setLang(browserLang());
  loadSession()
    .then(() => {
      render(<App />, root);
      startSender();
    })
    .catch(() => {
      setPerson(null);
      render(<Unreachable retry={start} />, root);
    });
}

// The app shell from the service worker's cache (offline start); storage that survives pressure.
if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
void navigator.storage?.persist?.().catch(() => false);
start();
