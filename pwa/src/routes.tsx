// The app's one route table: each screen's path, its chunk, who may open it and its entry in
// the navigation. The shell (main.tsx) picks the screen, draws the navigation and decides what a
// signed-out person may see from this table alone.
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t, type Key } from './i18n';
import { Capture } from './screens/Capture';
import type { Person, Role } from './session';
import { Loading } from './ui';

/** What every screen is given: the id in its path (if its path has one), and a way to set the
 * navigation's "waiting for you" badge. */
export interface ScreenProps {
  id: string;
  onWaiting: (n: number) => void;
}

/** A screen in its own chunk, loaded when first shown. A chunk that cannot be loaded (no network
 * and not cached, or an old page asking for a file a new version no longer has) says so and
 * offers to load the page afresh — never an endless "loading". */
function lazy(load: () => Promise<{ default: FunctionComponent<ScreenProps> }>): FunctionComponent<ScreenProps> {
  let loaded: FunctionComponent<ScreenProps> | null = null;
  return (props: ScreenProps) => {
    const [Screen, setScreen] = useState<FunctionComponent<ScreenProps> | null>(() => loaded);
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

export function Unreachable({ retry }: { retry: () => void }) {
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

/** The navigation's small pictures (24 × 24, drawn with a stroke). */
const ICONS = {
  capture: 'M4 20h4L19 9l-4-4L4 16v4zM14 6l4 4',
  cameIn: 'M3 13h5l1 3h6l1-3h5M5 5h14l2 8v6H3v-6z',
  mine: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c1-4 4-6 8-6s7 2 8 6',
  tasks: 'M4 6l2 2 3-3M4 13l2 2 3-3M4 20l2 2 3-3M12 6h8M12 13h8M12 20h8',
  feed: 'M3 10v4h3l6 4V6l-6 4zM16 9a4 4 0 0 1 0 6M19 6a8 8 0 0 1 0 12',
  settings: 'M4 7h10M18 7h2M4 17h4M12 17h8M14 5v4M8 15v4',
  owner: 'M9 4h6v3H9zM6 6H5v15h14V6h-1M9 13l2 2 4-4',
  admin: 'M12 3l8 3v6c0 5-4 8-8 9-4-1-8-4-8-9V6z',
} as const;

export function Icon({ name }: { name: keyof typeof ICONS }) {
  return (
    <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={ICONS[name]} />
    </svg>
  );
}

export interface Route {
  /** The path, or a pattern whose first group is the screen's `id`. */
  path: string | RegExp;
  screen: FunctionComponent<ScreenProps>;
  /** Anyone (the screens of mailed links and sign-in), anyone signed in, or one role. */
  who: 'public' | 'signed-in' | Role;
  /** Its entry in the navigation: the full name and the short label under its icon. */
  nav?: { name: Key; short: Key; icon: keyof typeof ICONS };
}

const signedIn = 'signed-in' as const;

/** The owner's desk, at /owner, /owner/<id> and /owner/case/<id>: one component, so moving
 * between the inbox and a remark or a case keeps the inbox (its filters, its pages) as it was. */
const ownerDesk = lazy(() => import('./roles/Owner'));

export const ROUTES: Route[] = [
  { path: '/', screen: Capture, who: signedIn, nav: { name: 'nav.capture', short: 'tab.capture', icon: 'capture' } },
  {
    path: '/came-in',
    screen: lazy(() => import('./screens/CameIn')),
    who: signedIn,
    nav: { name: 'nav.came_in', short: 'tab.came_in', icon: 'cameIn' },
  },
  { path: /^\/came-in\/([0-9a-f-]{36})$/, screen: lazy(() => import('./screens/RemarkPage')), who: signedIn },
  { path: '/mine', screen: lazy(() => import('./screens/Mine')), who: signedIn, nav: { name: 'nav.mine', short: 'tab.mine', icon: 'mine' } },
  // The tasks of action plans given to me (docs/plans.md): anyone may be given one.
  { path: '/tasks', screen: lazy(() => import('./screens/Tasks')), who: signedIn, nav: { name: 'nav.tasks', short: 'tab.tasks', icon: 'tasks' } },
  // What became of what we heard (docs/news.md): every decision, for everyone.
  { path: '/feed', screen: lazy(() => import('./screens/Feed')), who: signedIn, nav: { name: 'nav.feed', short: 'tab.feed', icon: 'feed' } },
  // Each role's own screens: separate chunks, loaded only by people who hold the role.
  { path: '/owner', screen: ownerDesk, who: 'owner', nav: { name: 'role.owner', short: 'tab.owner', icon: 'owner' } },
  // One remark open on the desk: the same screen (and chunk), so the inbox stays as it was.
  { path: /^\/owner\/([0-9a-f-]{36})$/, screen: ownerDesk, who: 'owner' },
  // A case open on the desk (docs/cases.md): the same screen again.
  { path: /^\/owner\/case\/([0-9a-f-]{36})$/, screen: ownerDesk, who: 'owner' },
  { path: '/admin', screen: lazy(() => import('./roles/Admin')), who: 'admin', nav: { name: 'role.admin', short: 'tab.admin', icon: 'admin' } },
  {
    path: '/settings',
    screen: lazy(() => import('./screens/Settings')),
    who: signedIn,
    nav: { name: 'nav.settings', short: 'tab.settings', icon: 'settings' },
  },
  { path: '/sign-in', screen: lazy(() => import('./screens/SignIn')), who: 'public' },
  { path: '/invitation', screen: lazy(() => import('./screens/Invitation')), who: 'public' },
  { path: '/reset-password', screen: lazy(() => import('./screens/Reset')), who: 'public' },
];

/** The route a path names and the id in it; `null` for no route. */
export function match(path: string): { route: Route; id: string } | null {
  for (const route of ROUTES) {
    if (typeof route.path === 'string') {
      if (route.path === path) return { route, id: '' };
    } else {
      const found = route.path.exec(path);
      if (found) return { route, id: found[1] };
    }
  }
  return null;
}

/** Whether `person` may open `route`. */
export function mayOpen(route: Route, person: Person | null): boolean {
  if (route.who === 'public') return true;
  if (!person) return false;
  return route.who === 'signed-in' || person.roles.includes(route.who);
}
