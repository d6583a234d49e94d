// Years of data in local storage, headless Chromium, against the release build: the storage image
// of three years of heavy use (8 sessions a day, 4 sets each, a check-in after every set), made by
// the committed seeded generator through the app's own writer (examples/journal_image.rs), is put
// in a fresh profile's localStorage; the app then starts normally and reads it. Figures: its size in
// UTF-16 code units (the unit of the browser's quota), the app's own load measure (first read to
// journal in memory, `performance.measure('centralise:load')`), and the time from opening the
// history page to its first rows on screen and to all its charts drawn; medians of 10 starts, both as the patient opens the
// installed app day after day (one profile, the service worker serving the files, so the browser
// reuses the compiled WebAssembly) and in 10 fresh profiles (first start, compiled from scratch).
// Restore: a backup file of 100,000 records chosen on the settings page of a set-up phone, from
// the file's arrival to "Restored" on screen, and the longest task meanwhile (Long Tasks API: how
// long the page could not answer a tap).
import { readFileSync } from 'node:fs';
import { VIEWPORT, launch, median, round, seedStorage as seed, serve, startApp } from './bench-common.mjs';

const PORT = 4176;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const RUNS = 10;

export async function storageFigures(dist, imagePath, backupPath) {
  const image = JSON.parse(readFileSync(imagePath, 'utf8'));
  const chars = Object.entries(image).reduce((n, [k, v]) => n + k.length + v.length, 0);
  const server = await serve(dist, PORT);
  const browser = await launch();
  const fresh = [];
  const installed = [];
  const history = [];
  const charts = [];
  let sets = null;
  let restore = null;
  const newContext = (serviceWorkers) => browser.newContext({ viewport: VIEWPORT, serviceWorkers });
  const seedStorage = (page) => seed(page, ORIGIN, image);
  const start = async (page, url = `${ORIGIN}/`) => {
    await startApp(page, url);
    return page.evaluate(() => performance.getEntriesByName('centralise:load')[0].duration);
  };
  try {
    for (let run = 0; run < RUNS; run += 1) {
      const context = await newContext('block');
      const page = await context.newPage();
      await seedStorage(page);
      fresh.push(await start(page));
      const [rows, drawn] = await page.evaluate(() => new Promise((done) => {
        const begin = performance.now();
        let first = null;
        location.hash = '#/history';
        const check = () => {
          if (first === null && document.querySelector('ol.history li')) first = performance.now() - begin;
          // Every chart drawn: the pain chart and the rest of the default range.
          const charts = document.querySelectorAll('figure[data-chart] svg').length;
          if (first !== null && charts >= 4) done([first, performance.now() - begin]);
          else requestAnimationFrame(check);
        };
        check();
      }));
      history.push(rows);
      charts.push(drawn);
      if (run === 0) {
        // The app read it all: every set is counted on the settings page.
        await page.goto(`${ORIGIN}/#/settings`);
        sets = Number((await page.locator('.counts').textContent()).match(/([\d,]+) sets/)[1].replace(/,/g, ''));
      }
      await context.close();
    }
    const context = await newContext('allow');
    const page = await context.newPage();
    await seedStorage(page);
    await start(page);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await start(page); // the first start served by the worker
    for (let run = 0; run < RUNS; run += 1) installed.push(await start(page));
    await context.close();
    restore = await restoreFigures(await newContext('block'), backupPath);
  } finally {
    await browser.close();
    server.kill();
  }
  return {
    three_year_journal: {
      keys: Object.keys(image).length,
      utf16_code_units: chars,
      budget_code_units: 1_000_000,
      sets_loaded_by_app: sets,
    },
    load_ms_median_of_10: round(median(installed)),
    load_ms_all: installed.map(round),
    load_ms_fresh_profile_median_of_10: round(median(fresh)),
    load_ms_fresh_profile_all: fresh.map(round),
    load_budget_ms: 50,
    history_first_rows_ms_median_of_10: round(median(history)),
    history_charts_ms_median_of_10: round(median(charts)),
    restore,
  };
}

export async function restoreFigures(context, backupPath) {
  const page = await context.newPage();
  await page.addInitScript(() => {
    localStorage.setItem('centralise:settings', JSON.stringify({ setup_done: true, emergency_number: '999' }));
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    document.addEventListener('change', () => { window.__chosenAt = performance.now(); }, true);
  });
  await startApp(page, `${ORIGIN}/#/settings`);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Restore from a backup file' }).click();
  await (await chooser).setFiles(backupPath);
  const done = page.getByRole('status').filter({ hasText: 'Restored' });
  await done.waitFor({ timeout: 120_000 });
  const said = await done.textContent();
  const figures = await page.evaluate(() => {
    const end = performance.now();
    const during = window.__longTasks.filter((t) => t.start + t.ms >= window.__chosenAt);
    return { ms: end - window.__chosenAt, longest: Math.max(0, ...during.map((t) => t.ms)) };
  });
  const records = JSON.parse(readFileSync(backupPath, 'utf8')).records.length;
  await context.close();
  return {
    records,
    said,
    ms: round(figures.ms),
    target_ms: 2_000,
    longest_task_ms: round(figures.longest),
    longest_task_target_ms: 200,
  };
}
