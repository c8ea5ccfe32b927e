// Paths as screens, with the History API: a tiny router, because the capture route must stay
// small. `navigate` changes the path; `useRoute` re-renders on every change.
import { useEffect, useState } from 'preact/hooks';

const listeners = new Set<() => void>();

// A new version of the app took over (a service worker replaced the one that served this page's
// code): the next move to another screen loads the page afresh, so old code never asks for files
// the new version no longer has. Nothing waiting is lost: the outbox lives in IndexedDB. On a
// first visit the first change is only the worker taking charge of this very version.
let outdated = false;
let controlled = Boolean(navigator.serviceWorker?.controller);
navigator.serviceWorker?.addEventListener('controllerchange', () => {
  if (controlled) outdated = true;
  controlled = true;
});

export function navigate(path: string, replace = false): void {
  if (outdated) {
    if (replace) location.replace(path);
    else location.assign(path);
    return;
  }
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  listeners.forEach((notify) => notify());
  window.scrollTo(0, 0);
}

addEventListener('popstate', () => (outdated ? location.reload() : listeners.forEach((notify) => notify())));

export function useRoute(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const notify = () => setPath(location.pathname);
    listeners.add(notify);
    return () => void listeners.delete(notify);
  }, []);
  return path;
}

/** The token a mailed link carries after `#token=`, removed from the address bar once read. */
export function takeLinkToken(): string | null {
  const match = /token=([^&]+)/.exec(location.hash);
  if (!match) return null;
  history.replaceState(null, '', location.pathname);
  return decodeURIComponent(match[1]);
}

/** A link that navigates inside the app. */
export function onLink(path: string) {
  return (event: MouseEvent) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(path);
  };
}
