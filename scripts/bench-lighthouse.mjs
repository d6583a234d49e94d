// Lighthouse's mobile preset (its default: a mid-range phone, simulated slow 4G and 4x slower CPU)
// against the release build served brotli-compressed as a static host serves it: 5 runs, each in a
// fresh Chromium profile (the patient's first visit, so the first-run set-up screen). Medians of
// the category scores and of the metrics, every run, and for the median run (by performance
// score) the audits that cost it most, so there is something to fix when a target is missed.
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { ARGS, median, serveBrotli } from './bench-common.mjs';

const PORT = 4177;
const RUNS = 5;
const CATEGORIES = ['performance', 'accessibility', 'best-practices'];

/** One run's figures, from Lighthouse's result (lhr). */
function figuresOf(lhr) {
  const score = (c) => Math.round(lhr.categories[c].score * 100);
  const value = (a) => lhr.audits[a].numericValue;
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    best_practices: score('best-practices'),
    lcp_ms: Math.round(value('largest-contentful-paint')),
    tbt_ms: Math.round(value('total-blocking-time')),
    cls: Math.round(value('cumulative-layout-shift') * 1000) / 1000,
    fcp_ms: Math.round(value('first-contentful-paint')),
    bytes_transferred: value('total-byte-weight'),
  };
}

/**
 * What cost the performance score: the scored metrics, opportunities and diagnostics that did not
 * pass, worst first; the longest main-thread tasks (what Total Blocking Time counts); and the
 * audits Lighthouse could not run, with why (so a missing audit is not read as a pass).
 */
function costs(lhr) {
  const shown = ['metrics', 'load-opportunities', 'diagnostics'];
  const audits = lhr.categories.performance.auditRefs.filter((ref) => shown.includes(ref.group)).map((ref) => lhr.audits[ref.id]);
  return {
    audits: audits
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative')
      .sort((a, b) => a.score - b.score)
      .slice(0, 6)
      .map((a) => ({ id: a.id, score: a.score, displayValue: a.displayValue ?? null })),
    long_tasks: (lhr.audits['long-tasks'].details?.items ?? []).slice(0, 4)
      .map((t) => ({ url: t.url, start_ms: Math.round(t.startTime), ms: Math.round(t.duration) })),
    not_run: Object.values(lhr.audits).filter((a) => a.scoreDisplayMode === 'error')
      .map((a) => `${a.id}: ${a.errorMessage}`),
  };
}

export async function lighthouseFigures(dist) {
  const server = await serveBrotli(dist, PORT);
  const runs = [];
  try {
    for (let run = 0; run < RUNS; run += 1) {
      // chrome-launcher makes a new temporary profile for every launch and deletes it on kill.
      const chrome = await chromeLauncher.launch({ chromePath: '/usr/bin/chromium', chromeFlags: ['--headless=new', ...ARGS] });
      try {
        const result = await lighthouse(`http://127.0.0.1:${PORT}/`, { port: chrome.port, logLevel: 'error', onlyCategories: CATEGORIES });
        if (result.lhr.runtimeError) throw new Error(`lighthouse: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`);
        runs.push({ figures: figuresOf(result.lhr), lhr: result.lhr });
      } finally {
        await chrome.kill();
      }
    }
  } finally {
    server.kill();
  }
  const all = runs.map((r) => r.figures);
  const medianOf = (key) => median(all.map((f) => f[key]));
  const byScore = [...runs].sort((a, b) => a.figures.performance - b.figures.performance);
  const middle = byScore[Math.floor(RUNS / 2)].lhr;
  return {
    lighthouse_version: middle.lighthouseVersion,
    preset: `${middle.configSettings.formFactor}, ${middle.configSettings.throttlingMethod} throttling`,
    median_of_5: Object.fromEntries(Object.keys(all[0]).map((k) => [k, medianOf(k)])),
    targets: { performance: 100, accessibility: 100, best_practices: 100, lcp_ms: 1500, tbt_ms: 0, cls: 0 },
    runs: all,
    median_run_costs: costs(middle),
    median_run_warnings: middle.runWarnings,
  };
}
