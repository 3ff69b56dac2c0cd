// Warehouse mode's document in the app: the demo log summarised by `relance warehouse` (embedded DuckDB)
// opens as a summary: the map with both sliders, variants, counts, case durations and the collections
// tables work from the aggregates; the views that need cases are closed and say why; no request leaves
// the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, waitForMap, num, shot, relanceBinary, serverAndBrowser } from './fixture.mjs';

let dir, summaryPath, doc;
const env = serverAndBrowser();


before(async () => {
  const relance = relanceBinary();
  dir = mkdtempSync(join(tmpdir(), 'relance-summary-'));
  const demo = join(dir, 'demo.csv');
  writeFileSync(demo, execFileSync(relance, ['demo', '--invoices', '1500'], { maxBuffer: 1 << 28 }));
  const json = execFileSync(relance, ['warehouse', demo, '--collections', '--time-zone', 'Europe/Paris', '--json'], { maxBuffer: 1 << 28 });
  summaryPath = join(dir, 'demo-summary.json');
  writeFileSync(summaryPath, json);
  doc = JSON.parse(json.toString());
});
after(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a document made by relance warehouse opens as a summary: map, variants, overview, collections; no drill-down', async () => {
  assert.equal(doc.source.engine.split(' ')[0], 'duckdb');
  const { page, context, problems } = await openApp(env.browser, env.server);
  await waitForMap(page);
  // "Open summary…" in the tab bar (a .json given to "Open file…" opens the same way: second test).
  await page.setInputFiles('#summary-input', summaryPath);
  await page.waitForSelector('#summary-banner', { timeout: 60000 });
  const banner = await page.locator('#summary-banner').innerText();
  assert.match(banner, /duckdb/);
  assert.match(banner, /aggregates/);
  assert.ok(await page.locator('#replay-toggle').isDisabled(), 'replay needs the cases');
  await waitForMap(page);
  // The header counts are the document's.
  const counts = await page.locator('#log-title .muted').innerText();
  assert.equal(num(counts), doc.log.cases);

  // The map: every activity of the document, with its event count on the node.
  const names = await page.locator('.map-drawing g.node:not(.endpoint)').evaluateAll(ns => ns.map(n => n.getAttribute('aria-label').replace(/:[^:]*$/, '')));
  const shown = doc.activities.filter(a => names.includes(a.name));
  assert.ok(shown.length >= Math.min(doc.activities.length, 5), `map shows ${names.length} of ${doc.activities.length} activities`);
  // The activities slider hides the rarest: fewer nodes, still drawn from the aggregates.
  const before = names.length;
  await page.locator('#activities-slider').fill('20');
  await page.waitForFunction(n => document.querySelectorAll('.map-drawing g.node:not(.endpoint)').length < n, before, { timeout: 30000 });
  await page.locator('#paths-slider').fill('10');
  await waitForMap(page);
  await shot(page, 'summary-map');

  // No filter bar: a summary has no cases to filter.
  assert.equal(await page.locator('#filter-bar-row').count(), 0);
  // Insights and Explore are closed, with the reason as the tab's title.
  for (const name of ['Insights', 'Explore']) {
    const tab = page.locator('nav.tabs button.tab', { hasText: name });
    assert.ok(await tab.isDisabled(), `${name} is closed`);
    assert.match(await tab.getAttribute('title'), /Needs the cases/);
  }

  // Variants: the document's, with their case counts.
  await page.click('nav.tabs >> text=Variants');
  await page.waitForSelector('#variants-table tbody tr');
  const firstCases = await page.locator('#variants-table tbody tr').first().locator('td.num').first().innerText();
  assert.equal(num(firstCases), doc.variants[0].cases);

  // Overview: the document's counts and median case duration; the charts that need cases say so.
  await page.click('nav.tabs >> text=Overview');
  await page.waitForSelector('#overview-cases');
  assert.equal(num(await page.locator('#overview-cases').innerText()), doc.log.cases);
  assert.equal(num(await page.locator('#overview-events').innerText()), doc.log.events);
  assert.equal(await page.locator('#activities-table tbody tr').count(), doc.activities.length);

  // Collections: the DSO table as DuckDB computed it, one row per month; n/a where the document has null.
  await page.click('nav.tabs >> text=Collections');
  await page.waitForSelector('#summary-dso_monthly');
  assert.equal(await page.locator('#summary-dso_monthly tbody tr').count(), doc.collections.dso_monthly.length);
  await shot(page, 'summary-collections');

  assert.deepEqual(problems.external, []);
  assert.deepEqual(problems.console, []);
  await context.close();
});

test('a .json file that is not a summary document gets a clear message naming it, and the log stays', async () => {
  const { page, context } = await openApp(env.browser, env.server);
  await waitForMap(page);
  const bad = join(dir, 'notes.json');
  writeFileSync(bad, '{"hello": 1}');
  await page.setInputFiles('#file-input', bad);
  await page.waitForSelector('.toast.error', { timeout: 30000 });
  const text = await page.locator('.toast.error').first().innerText();
  assert.match(text, /notes\.json is not a summary document/);
  assert.equal(await page.locator('#summary-banner').count(), 0);
  await context.close();
});
