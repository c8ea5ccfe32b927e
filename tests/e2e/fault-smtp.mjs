// The SMTP fault command (issue 24): mails queued — decisions to customers and to colleagues who
// chose each decision by mail —, the SMTP server stopped mid-run, earshot killed with SIGKILL
// once while sending and started again; after recovery it prints, for every (recipient,
// Message-ID), how many copies arrived. Exactly one each, except within the documented window:
// a batch the sender had handed to the SMTP server when it was killed, before it could mark it
// sent, goes again (docs/customers.md). Exit status 1 otherwise.
//
//   EARSHOT_BIN=target/debug/earshot node tests/e2e/fault-smtp.mjs [--quick]
//
// Default: 400 customers in 8 cases, 13 colleagues (504 mails), the SMTP server down 120 s.
// --quick (the everyday run): 60 customers in 3 cases, 5 colleagues (75 mails), down 5 s.
// The server runs with the moved clock: once the SMTP server is back (and after the restart),
// the clock moves past the retry's backoff and the dead sender's lease, so the run waits on
// neither.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setupPeople, signedInClient, startServer, apiClient } from './harness.mjs';

const quick = process.argv.includes('--quick');
const CUSTOMERS = quick ? 60 : 400;
const CASES = quick ? 3 : 8;
const COLLEAGUES = quick ? 5 : 13;
const DOWN_SECS = quick ? 5 : 120;
const EXPECTED = CUSTOMERS + CASES * COLLEAGUES;
const TIMEOUT_MS = (quick ? 120 : 900) * 1000;

const people = { sofie: { email: 'sofie.fault@example.be', name: 'Sofie Maes', lang: 'nl', roles: ['owner'] }, jan: { email: 'jan.fault@example.be', name: 'Jan De Smet', lang: 'nl' } };
for (let n = 1; n <= COLLEAGUES; n++) people[`c${n}`] = { email: `collega${n}.fault@example.be`, name: `Collega ${n}`, lang: 'nl' };
const customerAddress = (n) => `klant${n}.fault@example.be`;
const TITLE = 'Storing';
// What the decisions' mails are: to customers, and "Beslist: <title>" to colleagues.
const DECISION = /^Subject: (Ons antwoord op wat u ons vertelde|Beslist: Storing)/m;

const log = (...words) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...words);
const wait = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** Every decision mail in the sink: recipient, Message-ID, when it landed (ms). */
function received(dir) {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.eml'))
    .map((name) => {
      const path = join(dir, name);
      const raw = readFileSync(path, 'utf8');
      return { raw, at: statSync(path).mtimeMs };
    })
    .filter(({ raw }) => DECISION.test(raw))
    .map(({ raw, at }) => ({ to: /^To:\s*(.+)$/im.exec(raw)[1].trim(), id: /^Message-ID:\s*(\S+)/im.exec(raw)[1], at }));
}

const distinct = (mails) => new Set(mails.map((m) => `${m.to} ${m.id}`)).size;

/** Until `count()` reaches `n` (polling), or the run's deadline. */
async function until(n, count, what) {
  const deadline = Date.now() + TIMEOUT_MS;
  while (count() < n) {
    if (Date.now() > deadline) throw new Error(`not within ${TIMEOUT_MS / 1000} s: ${what} (${count()} of ${n})`);
    await wait(100);
  }
}

let moved = 0;
/** Move the server's clock by `secs` (its offset is lost with the process: `moved` keeps it). */
async function advance(server, secs) {
  const client = await apiClient(server.url);
  await client.post('/test/clock', { advance_secs: secs });
  await client.dispose();
  moved += secs;
}

// One address captures every remark here: its limit out of the way.
const server = await startServer({ EARSHOT_MAIL_POLL_SECS: '1', EARSHOT_CAPTURES_PER_MINUTE_PER_IP: '100000' }, ['--test-clock']);
try {
  const { admin } = await setupPeople(server, people);
  await admin.dispose();
  for (let n = 1; n <= COLLEAGUES; n++) {
    const colleague = await signedInClient(server.url, people[`c${n}`]);
    await colleague.put('/me/news', { staff_mail: 'each', digest_hour: 8, owner_alerts: 'each' });
    await colleague.dispose();
  }
  const jan = await signedInClient(server.url, people.jan);
  const ids = [];
  for (let n = 1; n <= CUSTOMERS; n++) {
    const id = crypto.randomUUID();
    await jan.post('/remarks', {
      id,
      customer: { name: `Klant ${n}`, language: 'nl', email: customerAddress(n), consent: true },
      facts: `Opmerking ${n}: het brood was op zaterdag om tien uur al op.`,
      feeling: { level: 'frustrated', words: '' },
      place: { kind: 'shop' },
    });
    ids.push(id);
  }
  await jan.dispose();
  server.command('release-held', '--now');

  // Every decision at once: their mails are queued in the decisions' transactions.
  const sofie = await signedInClient(server.url, people.sofie);
  const size = Math.ceil(CUSTOMERS / CASES);
  for (let c = 0; c < CASES; c++) {
    const made = await sofie.post('/desk/cases', { title: `${TITLE} ${c + 1}`, remarks: ids.slice(c * size, (c + 1) * size) });
    const view = await sofie.get(`/desk/cases/${made.id}`);
    await sofie.post(`/desk/cases/${made.id}/decision`, {
      version: view.version,
      remarks: view.remarks.map((item) => ({ id: item.remark.id, version: item.version })),
      kind: 'no_action',
      texts: [{ language: 'nl', outcome: 'We veranderen voorlopig niets: een tweede oven kost meer dan de zaterdag opbrengt.' }],
    });
  }
  await sofie.dispose();
  log(`${EXPECTED} decision mails queued (${CUSTOMERS} to customers, ${CASES} × ${COLLEAGUES} to colleagues)`);

  const dir = server.smtp.dir;
  const count = () => distinct(received(dir));
  await until(Math.ceil(EXPECTED * 0.15), count, 'the first mails');
  await server.smtp.stop();
  log(`SMTP server stopped after ${count()} mails; down for ${DOWN_SECS} s`);
  await wait(DOWN_SECS * 1000);
  await server.smtp.restart();
  await advance(server, 3600);
  log('SMTP server back; the clock moved past the retries');

  await until(Math.ceil(EXPECTED * 0.5), count, 'half the mails');
  await server.kill();
  const killedAt = Date.now();
  log(`earshot killed (SIGKILL) after ${count()} mails`);
  await server.restart();
  // Its moved clock, and past the dead sender's lease (5 minutes).
  await advance(server, moved + 600);
  log('earshot started again; the clock moved past the lease');

  await until(EXPECTED, count, 'every mail');
  // Late copies of what was in flight, if any, come right after: a few polls more.
  await wait(3000);

  const mails = received(dir);
  const copies = new Map();
  for (const m of mails) {
    const key = `${m.to} ${m.id}`;
    copies.set(key, [...(copies.get(key) ?? []), m.at]);
  }
  const histogram = {};
  for (const times of copies.values()) histogram[times.length] = (histogram[times.length] ?? 0) + 1;
  // The window: the first copy landed in the seconds before the kill (the batch in flight).
  const WINDOW_MS = 5000;
  const twice = [...copies.entries()].filter(([, times]) => times.length > 1);
  const outside = twice.filter(([, times]) => !(Math.min(...times) <= killedAt && Math.min(...times) > killedAt - WINDOW_MS));
  const recipients = new Set(mails.map((m) => m.to));
  console.log('');
  console.log(`mails queued:                      ${EXPECTED}`);
  console.log(`(recipient, Message-ID) received:  ${copies.size}`);
  console.log(`recipients:                        ${recipients.size}`);
  console.log(`copies per (recipient, Message-ID): ${JSON.stringify(histogram)}`);
  console.log(`sent twice, in flight at the kill: ${twice.length - outside.length}`);
  console.log(`sent twice, outside the window:    ${outside.length}`);
  for (const [key] of outside) console.log(`  ${key}`);
  assert.equal(copies.size, EXPECTED, 'every mail arrived');
  assert.equal(outside.length, 0, 'no copy outside the window');
  console.log('\nok');
} finally {
  await server.stop();
}
