// What the bench modules share: the browser they launch, the servers they start, the storage they
// seed and the arithmetic of their figures.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, relative } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { contentType } from '../tests/e2e/mime.mjs';

// No network but 127.0.0.1: nothing in the background (updates, sync, QUIC probes) competes with
// the page or leaves the machine.
export const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--disable-quic', '--no-first-run'];
// A phone's viewport (the e2e tests' too).
export const VIEWPORT = { width: 390, height: 844 };

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const round = (x) => (x === null || x === undefined ? null : Math.round(x * 10) / 10);

export const launch = () => chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });

/** tests/e2e/serve.mjs on `port` (no-store, uncompressed); resolves once it listens. `.kill()` it when done. */
export async function serve(dist, port) {
  const server = spawn(process.execPath, ['tests/e2e/serve.mjs', dist, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await once(server.stdout, 'data');
  return server;
}

/** What a static host serving pre-compressed files sends: brotli at its best quality. */
export const brotli = (data) => brotliCompressSync(data, {
  params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
});

const brotliCache = new Map();

/**
 * The build as a static host serves it: every text and wasm file brotli-compressed at the best
 * quality (when the request accepts br), compressed once before listening, as a host serves files
 * compressed ahead, so no request waits for the compressor; index.html and sw.js revalidated
 * on every visit, files with a content hash in their name kept a year, the others a day. Paths
 * without an extension get index.html (app routes); the rest is 404. In this process; `.kill()`
 * it when done.
 */
export async function serveBrotli(dist, port) {
  if (!brotliCache.has(dist)) {
    const files = new Map();
    for (const e of readdirSync(dist, { recursive: true, withFileTypes: true })) {
      if (!e.isFile()) continue;
      const path = join(e.parentPath ?? e.path, e.name);
      const name = `/${relative(dist, path).split('\\').join('/')}`;
      const body = readFileSync(path);
      const type = contentType(name);
      const br = /^text\/|wasm|json|svg/.test(type) ? brotli(body) : null;
      const cache = ['/index.html', '/sw.js'].includes(name) ? 'no-cache'
        : /-[0-9a-f]{15,16}(_bg)?\.[a-z]+$/.test(name) ? 'public, max-age=31536000, immutable' : 'public, max-age=86400';
      files.set(name, { body, br, type, cache });
    }
    brotliCache.set(dist, files);
  }
  const files = brotliCache.get(dist);
  const server = createServer((req, res) => {
    let path = '';
    try { path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname); } catch { /* 404 below */ }
    const file = files.get(path.endsWith('/') ? `${path}index.html` : path) ?? (path && !extname(path) ? files.get('/index.html') : null);
    if (!file) return res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found\n');
    const br = file.br && /\bbr\b/.test(req.headers['accept-encoding'] ?? '');
    const body = br ? file.br : file.body;
    res.writeHead(200, {
      'Content-Type': file.type,
      'Content-Length': body.length,
      'Cache-Control': file.cache,
      Vary: 'Accept-Encoding',
      ...(br ? { 'Content-Encoding': 'br' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  server.kill = () => {
    server.closeAllConnections();
    server.close();
  };
  return server;
}

/**
 * Fills the origin's localStorage with `image` (key -> value) before the app starts, plus a backup
 * made just now (no reminder on screen) and whatever `extra` holds.
 */
export async function seedStorage(page, origin, image, extra = {}) {
  // Any page of the origin will do: a 404, so the app does not start and write meanwhile.
  await page.goto(`${origin}/seed.txt`);
  await page.evaluate((data) => {
    for (const [k, v] of Object.entries(data)) localStorage.setItem(k, v);
  }, { ...image, 'centralise:backup': JSON.stringify({ last: Date.now() }), ...extra });
}

/** Opens `url` and waits until the app has started (boot.js marks it). */
export async function startApp(page, url) {
  await page.goto(url);
  await page.locator('html[data-boot="ready"]').waitFor({ state: 'attached' });
}
