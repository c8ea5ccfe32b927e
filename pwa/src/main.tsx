// The app shell: who is signed in, which screen the path names, the navigation bar with the
// badge for what waits. Capture is the home screen and ships in this chunk; every other screen
// (and each role's screens) is its own chunk, loaded when first opened.
import { render, type FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from './api';
import { flush, items, onOutboxChange, startSender } from './outbox';
import { setLang, t, type Key } from './i18n';
import { navigate, onLink, useRoute } from './router';
import { Capture } from './screens/Capture';
import { browserLang, loadSession, me, onSessionChange, setPerson } from './session';
import { Loading } from './ui';
import './style.css';

/** A screen in its own chunk, loaded when first shown. A chunk that cannot be loaded (no network
 * and not cached, or an old page asking for a file a new version no longer has) says so and
 * offers to load the page afresh — never an endless "loading". */
function lazy<P extends object>(load: () => Promise<{ default: FunctionComponent<P> }>): FunctionComponent<P> {
  let loaded: FunctionComponent<P> | null = null;
  return (props: P) => {
    const [Screen, setScreen] = useState<FunctionComponent<P> | null>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (!Screen) {
        load().then(
          (module) => {
            loaded = module.default;
            setScreen(() => module.default);
          },
          () => setFailed(true),
        );
      }
    }, []);
    if (failed) return <Unreachable retry={() => location.reload()} />;
    return Screen ? <Screen {...props} /> : <Loading />;
  };
}

const SignIn = lazy(() => import('./screens/SignIn'));
const Invitation = lazy(() => import('./screens/Invitation'));
const Reset = lazy(() => import('./screens/Reset'));
const CameIn = lazy(() => import('./screens/CameIn'));
const RemarkPage = lazy<{ id: string }>(() => import('./screens/RemarkPage'));
const Mine = lazy<{ onWaiting: (n: number) => void }>(() => import('./screens/Mine'));
const Settings = lazy(() => import('./screens/Settings'));
// Each role's own screens: separate chunks, loaded only by people who hold the role.
const Owner = lazy(() => import('./roles/Owner'));
const Admin = lazy(() => import('./roles/Admin'));

const PUBLIC = ['/sign-in', '/invitation', '/reset-password'];

interface MyRemarksCount {
  waiting: number;
}

function Nav({ path, waiting, unsent }: { path: string; waiting: number; unsent: number }) {
  const tabs: [string, Key][] = [
    ['/', 'nav.capture'],
    ['/came-in', 'nav.came_in'],
    ['/mine', 'nav.mine'],
    ['/settings', 'nav.settings'],
  ];
  const active = (href: string) => (href === '/' ? path === '/' : path.startsWith(href));
  return (
    <nav class="tabs" aria-label={t('nav.label')}>
      {tabs.map(([href, key]) => (
        <a href={href} onClick={onLink(href)} aria-current={active(href) ? 'page' : undefined}>
          {t(key)}
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
      ))}
    </nav>
  );
}

function Screen({ path, onWaiting }: { path: string; onWaiting: (n: number) => void }) {
  const remark = /^\/came-in\/([0-9a-f-]{36})$/.exec(path);
  if (path === '/') return <Capture />;
  if (path === '/came-in') return <CameIn />;
  if (remark) return <RemarkPage id={remark[1]} />;
  if (path === '/mine') return <Mine onWaiting={onWaiting} />;
  if (path === '/settings') return <Settings />;
  if (path.startsWith('/owner') && me()?.roles.includes('owner')) return <Owner />;
  if (path.startsWith('/admin') && me()?.roles.includes('admin')) return <Admin />;
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
  const isPublic = PUBLIC.includes(path);

  // The badge: how many of my remarks wait for my answer (on start and on every screen change).
  useEffect(() => {
    if (!person || isPublic) return;
    api<MyRemarksCount>('GET', '/my-remarks')
      .then((mine) => setWaiting(mine.waiting))
      .catch(() => undefined);
  }, [person, path]);

  if (isPublic) {
    if (path === '/invitation') return <Invitation key={link} />;
    if (path === '/reset-password') return <Reset key={link} />;
    if (person && !location.hash.includes('token=')) {
      navigate('/', true);
      return null;
    }
    return <SignIn key={link} />;
  }
  if (!person) return <SignIn key={link} />;
  return (
    <>
      <Screen path={path} onWaiting={setWaiting} />
      <Nav path={path} waiting={waiting} unsent={unsent} />
    </>
  );
}

function Unreachable({ retry }: { retry: () => void }) {
  return (
    <main>
      <h1>earshot</h1>
      <p role="alert">{t('common.offline_start')}</p>
      <button type="button" class="primary" onClick={retry}>
        {t('common.retry')}
      </button>
    </main>
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
