// The Content-Type of each file of the build, as a static host sends it: the browser refuses to
// stream-compile wasm sent with another type. Shared by the tests' server and the bench's.
import { extname } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

export const contentType = (file) => TYPES[extname(file)] ?? 'application/octet-stream';
