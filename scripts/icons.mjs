// Renders the PNG icons of the web app manifest from assets/icon.svg, once; the PNGs are
// committed, so the build never needs this script. Run it again after changing the icon:
//   node scripts/icons.mjs
// It draws with Debian's Chromium through Playwright (same launch flags as the e2e tests).
//   assets/icon-192.png, assets/icon-512.png: the icon as it is (rounded, transparent corners).
//   assets/icon-maskable-512.png: full-bleed theme colour with the icon scaled to 80 % in the
//   middle, so everything that matters lies inside the maskable safe zone (the centred circle
//   of radius 40 % of the size) whatever shape a launcher cuts.
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import config from '../playwright.config.mjs';

const THEME = '#0f766e'; // index.html theme-color, style/main.css --accent
const icon = readFileSync('assets/icon.svg', 'utf8');
const inner = icon.replace(/^<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '').replace(/<title>.*?<\/title>/, '');
if (inner === icon) throw new Error('assets/icon.svg: no <svg> element found');

const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
  <rect width="64" height="64" fill="${THEME}"/>
  <g transform="translate(32 32) scale(0.8) translate(-32 -32)">${inner}</g>
</svg>`;

const outputs = [
  { file: 'assets/icon-192.png', svg: icon, size: 192 },
  { file: 'assets/icon-512.png', svg: icon, size: 512 },
  { file: 'assets/icon-maskable-512.png', svg: maskable, size: 512 },
];

const browser = await chromium.launch(config.use.launchOptions);
try {
  for (const { file, svg, size } of outputs) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}img{display:block}</style>` +
        `<img src="${src}" width="${size}" height="${size}" alt="">`,
    );
    await page.locator('img').evaluate((img) => img.decode());
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    writeFileSync(file, png);
    console.log(`${file}: ${size}x${size}, ${png.length} bytes`);
    await page.close();
  }
} finally {
  await browser.close();
}
