// Figures about the release build in dist/, printed as one JSON object on stdout.
// Usage: node scripts/bench.mjs [distDir]   (scripts/bench builds first)
// Each key of `figures` below is one measurement; the README lists them.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotli as compress } from './bench-common.mjs';
import { inpFigures } from './bench-inp.mjs';
import { lighthouseFigures } from './bench-lighthouse.mjs';
import { startFigures } from './bench-start.mjs';
import { timerAccuracy } from './bench-timers.mjs';
import { storageFigures } from './bench-storage.mjs';

const dist = process.argv[2] ?? 'dist';
// The storage image of three years of heavy use (scripts/bench makes it).
const journalImage = process.argv[3] ?? 'target/bench/three-years.json';
// Lint time and link lengths of the bundled packs (examples/pack_figures.rs, run by scripts/bench).
const packFigures = process.argv[4] ?? 'target/bench/packs.json';
// A backup file of 100,000 records (examples/journal_image.rs, run by scripts/bench).
const backupFile = process.argv[5] ?? 'target/bench/backup-100k.json';
const BUDGET_BYTES = 200_000; // first screen, brotli-compressed (issue 18)
// The first screen as measured before issue 7 (packs, worker) landed, for "added_by_packs".
const FIRST_SCREEN_BEFORE_PACKS = 254_257;

// Every file in dist/, as paths relative to it ('/'-separated), sorted.
const files = readdirSync(dist, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile())
  .map((e) => relative(dist, join(e.parentPath ?? e.path, e.name)).split('\\').join('/'))
  .sort();

const raw = (file) => readFileSync(join(dist, file));
// What a static host serving pre-compressed files sends: brotli at its best quality.
const brotli = (file) => compress(raw(file)).length;
const perFile = (measure) => Object.fromEntries(files.map((f) => [f, measure(f)]));

// index.html and every local file it references: script src, the glue and wasm named in the
// boot script's data-js / data-wasm, stylesheets, icon, preloads.
function firstScreenFiles() {
  const html = raw('index.html').toString();
  const refs = new Set(['index.html']);
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    for (const [, , url] of tag.matchAll(/\s(src|href|data-js|data-wasm)="([^"]+)"/gi)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(url)) continue; // data:, https: ... are not ours
      refs.add(url.replace(/^\.?\//, '').split(/[?#]/)[0]);
    }
  }
  for (const f of refs) if (!files.includes(f)) throw new Error(`index.html references ${f}, missing from ${dist}/`);
  return [...refs];
}

const figures = {
  dist_brotli_bytes: () => perFile(brotli),
  first_screen: () => {
    const list = firstScreenFiles();
    const bytes = list.reduce((sum, f) => sum + brotli(f), 0);
    return {
      files: list,
      brotli_bytes: bytes,
      budget_bytes: BUDGET_BYTES,
      within_budget: bytes <= BUDGET_BYTES,
      added_by_packs: bytes - FIRST_SCREEN_BEFORE_PACKS,
    };
  },
  // The on-demand module (packs pages, backup, restore): not on the first screen.
  extras_module_brotli_bytes: () =>
    files.filter((f) => f.startsWith('extras')).reduce((sum, f) => sum + brotli(f), 0),
  packs: () => JSON.parse(readFileSync(packFigures, 'utf8')),
  raw_bytes: () => perFile((f) => raw(f).length),
  storage: () => storageFigures(dist, journalImage, backupFile),
  // Lighthouse's mobile preset, the build served brotli-compressed: scores and load metrics.
  lighthouse: () => lighthouseFigures(dist),
  // Interaction to Next Paint of the common taps, the three-year journal restored.
  interaction_to_next_paint: () => inpFigures(dist, journalImage),
  // From opening the app to a Start button that works, the three-year journal stored.
  time_to_start: () => startFigures(dist, journalImage),
  timer_accuracy: () => timerAccuracy(dist),
};

const report = {};
for (const [key, measure] of Object.entries(figures)) report[key] = await measure();
console.log(JSON.stringify(report, null, 2));
