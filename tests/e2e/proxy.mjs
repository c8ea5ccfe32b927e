// A loopback proxy the tests control, between the browser and earshot: the browser's whole world
// (pages, the service worker, the API) goes through it, so cutting it is cutting the network —
// which Playwright's setOffline does not do for a service worker.
import http from 'node:http';

/**
 * `target()` gives the server's current address (it changes when the server restarts).
 * Modes: `up` (pass everything), `down` (every connection dropped at once).
 * `dropResponses(n, match)`: the next n matching requests reach the server, but their responses
 * never reach the browser (the connection is cut after the server answered).
 * `refuse(match)`: matching requests get a 503 from the proxy, as from a struggling gateway
 * (`refuse(null)` ends it). `alter(match, edit)`: the body of matching answers, as text, is
 * passed through `edit` — a new version of a file, say (`alter(null)` ends it).
 */
export async function startProxy(target) {
  let mode = 'up';
  let toDrop = 0;
  let dropMatch = () => false;
  let refuseMatch = null;
  let alterMatch = null;
  let alterEdit = (body) => body;
  const sockets = new Set();
  const counts = { forwarded: 0, answered: 0, dropped: 0 };
  /** "METHOD path" of every request passed on, in order. */
  const log = [];

  const server = http.createServer((req, res) => {
    if (mode === 'down') {
      req.socket.destroy();
      return;
    }
    if (refuseMatch?.(req)) {
      req.resume();
      res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '1' }).end('refused by the test proxy');
      return;
    }
    const url = new URL(req.url, target());
    const drop = toDrop > 0 && dropMatch(req);
    if (drop) toDrop--;
    const edit = alterMatch?.(req) ? alterEdit : null;
    counts.forwarded++;
    log.push(`${req.method} ${req.url}`);
    const headers = { ...req.headers, host: url.host };
    // An answer to edit comes whole and uncompressed (never "304 Not Modified").
    if (edit) for (const name of ['accept-encoding', 'if-none-match', 'if-modified-since']) delete headers[name];
    const upstream = http.request(url, { method: req.method, headers }, (answer) => {
      counts.answered++;
      if (drop) {
        counts.dropped++;
        answer.resume();
        answer.on('end', () => req.socket.destroy());
        return;
      }
      if (edit) {
        const chunks = [];
        answer.on('data', (chunk) => chunks.push(chunk));
        answer.on('end', () => {
          const body = Buffer.from(edit(Buffer.concat(chunks).toString('utf8')), 'utf8');
          const kept = { ...answer.headers };
          for (const name of ['etag', 'last-modified', 'transfer-encoding', 'content-length']) delete kept[name];
          res.writeHead(answer.statusCode ?? 502, { ...kept, 'content-length': body.length }).end(body);
        });
        return;
      }
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => req.socket.destroy());
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 1000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();

  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    log,
    up() {
      mode = 'up';
    },
    down() {
      mode = 'down';
      for (const socket of sockets) socket.destroy();
    },
    dropResponses(n, match) {
      toDrop = n;
      dropMatch = match;
    },
    refuse(match) {
      refuseMatch = match;
    },
    alter(match, edit) {
      alterMatch = match;
      alterEdit = edit ?? ((body) => body);
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((ok) => server.close(ok));
    },
  };
}
