// Writes the precache list and the cache version into the service worker of a build.
// Run by Trunk after every build (Trunk.toml [[hooks]] post_build, TRUNK_STAGING_DIR is the
// build about to become dist/), or by hand on a built directory: node scripts/precache.mjs DIR
// Lists every file of DIR except sw.js, so the hashed names are always the ones built, and
// derives the version from a hash of all their contents and of sw.js itself: any change to
// any file makes a new sw.js, which browsers install as an update. Running it twice on the
// same directory gives the same sw.js.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('usage: node scripts/precache.mjs DIR (or run by Trunk, which sets TRUNK_STAGING_DIR)');
  process.exit(2);
}
const WORKER = 'sw.js';
const VERSION_LINE = /^const VERSION = .*;$/m;
const PRECACHE_LINE = /^const PRECACHE = .*;$/m;

/** Every file under dir, as '/'-separated paths relative to it, sorted. */
function buildFiles(root) {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath ?? e.path, e.name)).split('\\').join('/'))
    .filter((f) => f !== WORKER)
    .sort();
}

const workerPath = join(dir, WORKER);
const worker = readFileSync(workerPath, 'utf8');
if (!VERSION_LINE.test(worker) || !PRECACHE_LINE.test(worker)) {
  console.error(`precache: ${workerPath} has no "const VERSION = ...;" and "const PRECACHE = ...;" lines`);
  process.exit(1);
}
const files = buildFiles(dir);
if (!files.includes('index.html')) {
  console.error(`precache: no index.html in ${dir}`);
  process.exit(1);
}

const hash = createHash('sha256');
// The worker's own code counts too (without the two generated lines).
hash.update(worker.replace(VERSION_LINE, '').replace(PRECACHE_LINE, ''));
for (const f of files) {
  const data = readFileSync(join(dir, f));
  hash.update(`\0${f}\0${data.length}\0`);
  hash.update(data);
}
const version = hash.digest('hex').slice(0, 16);

const out = worker
  .replace(VERSION_LINE, `const VERSION = '${version}';`)
  .replace(PRECACHE_LINE, `const PRECACHE = ${JSON.stringify(files)};`);
writeFileSync(workerPath, out);
console.log(`precache: ${WORKER} version ${version}, ${files.length} files`);
