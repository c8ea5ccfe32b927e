// A capture's checks on the device: the server's rules (backend/src/remarks/capture.rs and
// web/validate.rs), run before a capture is queued, so that an incomplete remark is refused
// while the customer is still there — not an hour later when the network is back. The server
// stays the truth. tests/fixtures/capture-checks.json holds the cases both must answer alike
// (tests/api/capture_checks.rs sends them to the server, capture-check.test.ts runs them here),
// and the same test holds LIMITS to the maxLength the API document states.

/** The longest each text may be, in characters as typed (the API document's maxLength). */
export const LIMITS = { name: 120, facts: 4000, words: 1000, placeDetail: 200 } as const;
/** How many days back a remark's day may lie. */
export const MAX_AGE_DAYS = 365;

/** One problem, as the server reports it: the field's JSON Pointer, its code, the precise
 * message key when there is one, and a limit to quote. */
export interface Issue {
  pointer: string;
  code: string;
  hint?: string;
  limit?: number;
}

/** What the app sends to POST /remarks (`Capture` in the API document). */
export interface CaptureBody {
  customer: { name: string; email?: string; phone?: string; consent?: boolean; language: string };
  facts: string;
  feeling?: { level: string; words?: string };
  place?: { kind: string; detail?: string };
  heard_on?: string;
  topic_id?: string;
}

const isControl = (c: number) => c <= 0x1f || (c >= 0x7f && c <= 0x9f);
const isBidi = (c: number) => (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
const badInLine = (c: number) => isControl(c) || c === 0x2028 || c === 0x2029 || isBidi(c);
const badInText = (c: number) => (isControl(c) && c !== 0x0a && c !== 0x0d && c !== 0x09) || isBidi(c);
const codePoints = (s: string) => [...s].map((ch) => ch.codePointAt(0) ?? 0);

/** Rust's `str::trim`: Unicode White_Space at both ends. (JavaScript's `trim` differs: it takes
 * U+FEFF and leaves U+0085.) */
const WHITE = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const ENDS = new RegExp(`^${WHITE}+|${WHITE}+$`, 'g');
export const trim = (s: string) => s.replace(ENDS, '');

function checked(issues: Issue[], pointer: string, typed: string, max: number, bad: (c: number) => boolean, hint?: string) {
  const value = trim(typed);
  if (!value) issues.push({ pointer, code: 'blank' });
  else if (codePoints(value).some(bad)) issues.push({ pointer, code: 'control-character', ...(hint ? { hint } : {}) });
  else if ([...typed].length > max) issues.push({ pointer, code: 'too-long', limit: max });
}

const line = (issues: Issue[], pointer: string, typed: string, max: number) => checked(issues, pointer, typed, max, badInLine);
const text = (issues: Issue[], pointer: string, typed: string, max: number) =>
  checked(issues, pointer, typed, max, badInText, 'field-control-character-text');

/** The mailer's own rules (backend/src/mail/address.rs): an ASCII dot-atom before the @, a
 * host name on the public DNS after it (a domain in another script in its ASCII form). */
export function isEmail(typed: string): boolean {
  const address = trim(typed).toLowerCase();
  const at = address.lastIndexOf('@');
  if (at < 0) return false;
  const local = address.slice(0, at);
  const atext = /^[a-z0-9!#$%&'*+\-/=?^_`{|}~]+$/;
  if (!local || local.length > 64 || !local.split('.').every((run) => atext.test(run))) return false;
  const typedDomain = address.slice(at + 1);
  // What a URL would read as a port, a path or credentials is no host name.
  if (!typedDomain || /[\s/?#:@\\[\]]/.test(typedDomain)) return false;
  let domain: string;
  try {
    // The URL parser turns a domain in another script into punycode (and an IPv4 address in
    // any notation into dotted digits), as the server's does.
    domain = new URL(`http://${typedDomain}/`).hostname;
  } catch {
    return false;
  }
  const labels = domain.split('.');
  const labelOk = (l: string) => l.length >= 1 && l.length <= 63 && /^[a-z0-9-]+$/.test(l) && !l.startsWith('-') && !l.endsWith('-');
  return (
    domain.length <= 253 &&
    (labels.length >= 2 || domain === 'localhost') &&
    labels.every(labelOk) &&
    !/^[0-9]+$/.test(labels[labels.length - 1]) &&
    local.length + 1 + domain.length <= 254
  );
}

/** A phone number as the server keeps it (`normalise_phone`): 8 to 15 digits, `+` or 00 first
 * allowed, spaces, dots, dashes, slashes, brackets and a "(0)" ignored. */
export function isPhone(typed: string): boolean {
  const compact = typed.replace(/\(0\)/g, '').replace(/[ .\-/()]/g, '');
  const digits = compact.startsWith('+') ? compact.slice(1) : compact.startsWith('00') ? compact.slice(2) : compact;
  return /^[0-9]{8,15}$/.test(digits);
}

function daysBefore(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10);
}

/** Every problem of `body`, as the server would report it on `today` (YYYY-MM-DD) with these
 * topics on offer; empty when the capture may be queued. */
export function checkCapture(body: CaptureBody, today: string, offered: readonly string[]): Issue[] {
  const issues: Issue[] = [];
  line(issues, '/customer/name', body.customer.name, LIMITS.name);
  const email = body.customer.email === undefined ? undefined : trim(body.customer.email);
  if (email && !isEmail(email)) issues.push({ pointer: '/customer/email', code: 'invalid-email' });
  const phone = body.customer.phone === undefined ? undefined : trim(body.customer.phone);
  if (phone && !isPhone(phone)) issues.push({ pointer: '/customer/phone', code: 'invalid-value', hint: 'field-phone' });
  const hasContact = Boolean(email) || Boolean(phone && isPhone(phone));
  if (hasContact && body.customer.consent === undefined) {
    issues.push({ pointer: '/customer/consent', code: 'missing', hint: 'field-consent' });
  }
  text(issues, '/facts', body.facts, LIMITS.facts);
  if (!body.feeling) issues.push({ pointer: '/feeling', code: 'missing', hint: 'field-feeling' });
  if (!body.place) issues.push({ pointer: '/place', code: 'missing', hint: 'field-place' });
  const words = body.feeling?.words ?? '';
  if (trim(words)) text(issues, '/feeling/words', words, LIMITS.words);
  const detail = trim(body.place?.detail ?? '');
  if (!detail && body.place?.kind === 'other') {
    issues.push({ pointer: '/place/detail', code: 'blank', hint: 'field-place-other' });
  } else if (detail) {
    line(issues, '/place/detail', detail, LIMITS.placeDetail);
  }
  const day = body.heard_on === undefined ? undefined : trim(body.heard_on);
  if (day) {
    const parsed = new Date(`${day}T00:00:00Z`);
    const valid = /^\d{4}-\d{2}-\d{2}$/.test(day) && !isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day;
    const issue = (hint: string, limit?: number) =>
      issues.push({ pointer: '/heard_on', code: 'invalid-value', hint, ...(limit ? { limit } : {}) });
    if (!valid) issue('field-date');
    else if (day > today) issue('field-heard-on-future');
    else if (day < daysBefore(today, MAX_AGE_DAYS)) issue('field-heard-on-too-old', MAX_AGE_DAYS);
  }
  const topic = body.topic_id === undefined ? undefined : trim(body.topic_id);
  if (topic && !offered.includes(topic)) issues.push({ pointer: '/topic_id', code: 'not-offered', hint: 'field-topic' });
  return issues;
}
