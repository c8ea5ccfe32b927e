// The one way the app talks to the server: JSON, same-origin cookies, the CSRF header on every
// request, the app's language for translated errors, and one refresh of the session (across
// tabs too, by a Web Lock) when the access token has expired.
import { lang } from './i18n';

export interface FieldError {
  pointer: string;
  code: string;
  detail: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
}

/** The server answered with an error (a problem document), or could not be reached (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(problem?.title ?? `HTTP ${status}`);
  }

  /** The problem's slug, e.g. `link-expired`. */
  get slug(): string {
    return this.problem?.type.replace('urn:earshot:problem:', '') ?? '';
  }
}

let csrf: Promise<string> | null = null;

function csrfToken(): Promise<string> {
  csrf ??= fetch('/api/v1/session/csrf', { credentials: 'same-origin', cache: 'no-store' })
    .then((res) => res.json())
    .then((body: { token: string }) => body.token)
    .catch((err) => {
      csrf = null;
      throw err;
    });
  return csrf;
}

/** A request that has not answered after this long is given up (a bad network can hang one). */
const TIMEOUT_MS = 20_000;

async function send(method: string, path: string, body?: unknown, timeoutMs = TIMEOUT_MS): Promise<Response> {
  const headers: Record<string, string> = { 'x-csrf-token': await csrfToken(), 'accept-language': lang() };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`/api/v1${path}`, {
    method,
    credentials: 'same-origin',
    cache: 'no-store',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
}

/** A new access token from the refresh cookie; false when the session is over. */
export async function refresh(): Promise<boolean> {
  const run = async () => (await send('POST', '/session/refresh')).ok;
  return navigator.locks ? navigator.locks.request('earshot-refresh', run) : run();
}

export async function api<T = void>(method: string, path: string, body?: unknown, timeoutMs?: number): Promise<T> {
  let res: Response;
  try {
    res = await send(method, path, body, timeoutMs);
    if (res.status === 401 && !path.startsWith('/session') && (await refresh())) {
      res = await send(method, path, body, timeoutMs);
    }
  } catch {
    throw new ApiError(0, null);
  }
  if (!res.ok) {
    let problem: Problem | null = null;
    try {
      problem = (await res.json()) as Problem;
    } catch {
      // Not a problem document (a proxy's page): the status says enough.
    }
    throw new ApiError(res.status, problem);
  }
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
