// Dependency-free static server for the end-to-end tests: node tests/e2e/serve.mjs DIR PORT [PREFIX]
// Serves DIR on 127.0.0.1 with correct MIME types (the browser refuses to stream-compile wasm
// sent with another type); paths without an extension get index.html, like a single-page host.
// With PREFIX (say /centralise/) DIR is served only under that sub-path, as a clinic's host
// might, and everything outside it is 404.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { contentType } from './mime.mjs';

const [dir = 'dist', port = '4173', prefix = '/'] = process.argv.slice(2);
const root = resolve(dir);

async function send(res, file, head) {
  const body = await readFile(file);
  res.writeHead(200, {
    'Content-Type': contentType(file),
    'Content-Length': body.length,
    'Cache-Control': 'no-store', // every test sees the current build
  });
  res.end(head ? undefined : body);
}

createServer(async (req, res) => {
  const head = req.method === 'HEAD';
  try {
    const whole = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    if (!`${whole}/`.startsWith(prefix)) throw Object.assign(new Error(), { code: 'ENOENT' });
    const path = `/${whole.slice(prefix.length)}`;
    const file = join(root, path);
    if (file !== root && !file.startsWith(root + sep)) throw Object.assign(new Error(), { code: 'ENOENT' });
    try {
      await send(res, path.endsWith('/') ? join(file, 'index.html') : file, head);
    } catch (err) {
      if (extname(path) || !['ENOENT', 'EISDIR'].includes(err.code)) throw err;
      await send(res, join(root, 'index.html'), head); // an app route: the app handles it
    }
  } catch (err) {
    const notFound = err instanceof URIError || ['ENOENT', 'EISDIR'].includes(err.code);
    res.writeHead(notFound ? 404 : 500, { 'Content-Type': 'text/plain' }).end(notFound ? 'Not found\n' : 'Error\n');
  }
}).listen(Number(port), '127.0.0.1', () => console.log(`serving ${root} on http://127.0.0.1:${port}${prefix}`));
