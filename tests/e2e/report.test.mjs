// The report to hand over (issue 20): the "Report" button downloads one HTML file made in the worker;
// opened in Chromium it makes no request outside itself, its figures equal the app's, the map's labels
// are SVG <text>; in French it has no English interface words; and `relance report` of the demo gives
// the same sections and figures (only the generation date, the source's name and where it was made
// differ).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openApp, waitForMap, num, root, relanceBinary, serverAndBrowser } from './fixture.mjs';

let dir;
const env = serverAndBrowser();

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'relance-report-'));
});
after(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Clicks "Report" and returns the downloaded file's path and text. */
async function downloadReport(page, name) {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 180000 }),
    page.click('#report-button'),
  ]);
  const path = join(dir, name);
  await download.saveAs(path);
  return { path, html: readFileSync(path, 'utf8'), suggested: download.suggestedFilename() };
}

/** Every `data-figure` with its `data-value`, and the sections, of a report's HTML. */
function figures(html) {
  const out = new Map();
  for (const m of html.matchAll(/data-figure="([^"]+)" data-value="([^"]+)"/g)) {
    if (!out.has(m[1])) out.set(m[1], Number(m[2]));
  }
  return out;
}
function sections(html) {
  return [...html.matchAll(/data-section="([^"]+)"/g)].map(m => m[1]);
}

/** Opens a report file in a fresh page, recording every request; returns the page and the requests. */
async function openReport(path) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const requests = [];
  context.on('request', r => requests.push(r.url()));
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  const url = pathToFileURL(path).href;
  await page.goto(url);
  await page.waitForLoadState('load');
  return { context, page, others: () => requests.filter(u => u !== url), errors };
}

test('the report downloaded from the app opens alone, with the app\'s figures and a map in SVG text', async () => {
  const app = await openApp(env.browser, env.server);
  const { page } = app;
  await waitForMap(page);
  const report = await downloadReport(page, 'report-en.html');
  assert.match(report.suggested, /\.html$/);
  assert.deepEqual(sections(report.html), ['log', 'map', 'collections', 'insights', 'forecast', 'conformance', 'settings']);
  assert.match(report.html, /the data never left the browser/);

  const opened = await openReport(report.path);
  const r = opened.page;
  assert.deepEqual(opened.others(), [], 'the report fetched nothing');
  assert.deepEqual(opened.errors, []);
  // The map's labels are SVG text, the same activities the app's map shows.
  const reportLabels = await r.$$eval('figure[data-chart="map-frequency"] svg text.label', ts => ts.map(t => t.textContent).sort());
  const appLabels = await page.$$eval('.map-drawing svg text.label', ts => ts.map(t => t.textContent).sort());
  assert.ok(reportLabels.length >= 10, `labels: ${reportLabels.length}`);
  assert.deepEqual(reportLabels, appLabels);
  assert.ok(await r.locator('figure[data-chart="map-performance"] svg text[data-edge-label]').count() > 0);
  await r.pdf?.({ path: join(dir, 'report-en.pdf'), landscape: true, format: 'A4' }).catch(() => {});
  await r.screenshot({ path: join(root, 'tests', 'artifacts', 'report-en.png') }).catch(() => {});

  // Its figures equal the app's: cases in the title, the collections tiles.
  const f = figures(report.html);
  assert.equal(f.get('log.cases'), num(await page.locator('#log-title .muted').innerText()));
  await page.click('role=tab[name="Collections"]');
  await page.waitForSelector('#kpi-on-time');
  const shown = async sel => num(await r.locator(sel).first().innerText());
  assert.equal(await shown('[data-figure="kpis.on_time_payment_rate"]'), num(await page.locator('#kpi-on-time').innerText()));
  assert.equal(await shown('[data-figure="kpis.invoice_to_cash_days.median"]'), num(await page.locator('#kpi-itc').innerText()));
  assert.equal(await shown('[data-figure="kpis.cei"]'), num(await page.locator('#kpi-cei').innerText()));
  await opened.context.close();
  assert.deepEqual(app.problems.external, []);
  assert.deepEqual(app.problems.console, []);
  await app.context.close();
});

test('the French report has no English interface words', async () => {
  const app = await openApp(env.browser, env.server, { locale: 'fr-FR' });
  const { page } = app;
  await waitForMap(page);
  const report = await downloadReport(page, 'report-fr.html');
  assert.match(report.html, /<html lang="fr">/);
  const opened = await openReport(report.path);
  const text = await opened.page.locator('body').innerText();
  for (const english of ['Process map', 'Key figures', 'On-time', 'Invoice to cash', 'Aging', 'not available',
    'Headline', 'Forecast', 'Open invoices', 'Filters', 'Settings', 'Made on', 'partial', 'Outcome', 'Week',
    'the data never left', 'median']) {
    assert.ok(!text.includes(english), `French report says "${english}"`);
  }
  assert.match(text, /Carte du processus/);
  assert.match(text, /les données n'ont jamais quitté le navigateur/);
  assert.deepEqual(opened.others(), []);
  await opened.context.close();
  assert.deepEqual(app.problems.external, []);
  await app.context.close();
});

test('the CLI\'s report of the demo equals the app\'s', async () => {
  const app = await openApp(env.browser, env.server);
  await waitForMap(app.page);
  const fromApp = await downloadReport(app.page, 'report-app.html');
  await app.context.close();
  const relance = relanceBinary();
  const demo = join(dir, 'demo.csv');
  writeFileSync(demo, execFileSync(relance, ['demo'], { maxBuffer: 1 << 28 }));
  const out = join(dir, 'report-cli.html');
  execFileSync(relance, ['report', demo, '--lang', 'en', '-o', out]);
  const fromCli = readFileSync(out, 'utf8');
  assert.deepEqual(sections(fromCli), sections(fromApp.html));
  const a = figures(fromApp.html);
  const c = figures(fromCli);
  assert.ok(a.size > 40, `figures: ${a.size}`);
  assert.deepEqual([...c.keys()].sort(), [...a.keys()].sort());
  // Equal to 12 significant digits: the browser's wasm and the native CLI compute exp and log with
  // different maths libraries (the forecast's models use them), which may differ in the last bit.
  const same = (x, y) => x === y || Math.abs(x - y) <= 1e-12 * Math.max(1, Math.abs(x), Math.abs(y));
  for (const [key, v] of a) assert.ok(same(c.get(key), v), `${key}: CLI ${c.get(key)}, app ${v}`);
  // The whole text too, once the lines that may differ are set aside: the date, the source's name,
  // where it was made.
  const strip = html => html
    .replace(/<time[^>]*>[^<]*<\/time>/g, '')
    .replace(/<p class="meta" data-sources>[^<]*<\/p>/, '')
    .replace(/<p class="privacy"[^>]*>[^<]*<\/p>/g, '')
    .replace(/data-value="([^"]+)"/g, (_, v) => `data-value="${Number(v).toPrecision(12)}"`);
  assert.equal(strip(fromCli), strip(fromApp.html));
});
