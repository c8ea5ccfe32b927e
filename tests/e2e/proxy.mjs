// A loopback proxy the tests control, between the browser and earshot: the browser's whole world
// (pages, the service worker, the API) goes through it, so cutting it is cutting the network —
// which Playwright's setOffline does not do for a service worker.
import http from 'node:http';

/**
 * `target()` gives the server's current address (it changes when the server restarts).
 * Modes: `up` (pass everything), `down` (every connection dropped at once).
 * `dropResponses(n, match)`: the next n matching requests reach the server, but their responses
 * never reach the browser (the connection is cut after the server answered).
 */
export async function startProxy(target) {
  let mode = 'up';
  let toDrop = 0;
  let dropMatch = () => false;
  const sockets = new Set();
  const counts = { forwarded: 0, answered: 0, dropped: 0 };
  /** "METHOD path" of every request passed on, in order. */
  const log = [];

  const server = http.createServer((req, res) => {
    if (mode === 'down') {
      req.socket.destroy();
      return;
    }
    const url = new URL(req.url, target());
    const drop = toDrop > 0 && dropMatch(req);
    if (drop) toDrop--;
    counts.forwarded++;
    log.push(`${req.method} ${req.url}`);
    const upstream = http.request(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (answer) => {
      counts.answered++;
      if (drop) {
        counts.dropped++;
        answer.resume();
        answer.on('end', () => req.socket.destroy());
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
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((ok) => server.close(ok));
    },
  };
}
