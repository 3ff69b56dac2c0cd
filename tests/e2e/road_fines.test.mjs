// The road-traffic-fines log (561,470 events) uploaded through the file input: the mapping screen, the
// import, and the numbers the page shows against pm4py's reference.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { demoApp, waitForMap, num, shot, shared, haveShared } from './fixture.mjs';

const skip = !haveShared() && 'needs ../shared/data (absent in a plain clone)';
const app = demoApp({ skip });

test('imports the road fines CSV and shows pm4py\'s numbers', { skip }, async () => {
  const { page } = app;
  const file = join(shared, 'data', 'Road_Traffic_Fine_Management_Process.csv.gz');
  await page.setInputFiles('#file-input', file);
  await page.waitForSelector('#mapping-screen');
  const roles = await page.$$eval('#mapping-screen select.role-select', ss => Object.fromEntries(ss.map(s => [s.dataset.column, s.value])));
  assert.equal(roles.case_id, 'case');
  assert.equal(roles.activity, 'activity');
  assert.equal(roles.timestamp, 'timestamp');
  assert.equal(roles.resource, 'resource');
  assert.match(await page.locator('#time-preview').innerText(), /0 of \d+ preview values unreadable/);
  await shot(page, 'road-fines-mapping');
  await page.click('#mapping-confirm');
  await page.waitForFunction(() => /Road_Traffic/.test(document.querySelector('#log-title').textContent), null, { timeout: 120000 });
  await waitForMap(page, 120000);
  const title = await page.locator('#log-title').innerText();
  assert.equal(num(title), 150370, title);
  await shot(page, 'road-fines-map');

  await page.click('role=tab[name="Overview"]');
  await page.waitForSelector('#overview-cases');
  assert.equal(num(await page.locator('#overview-cases').innerText()), 150370);
  assert.equal(num(await page.locator('#overview-events').innerText()), 561470);
  assert.equal(num(await page.locator('#overview-activities').innerText()), 11);
  assert.equal(num(await page.locator('#overview-variants').innerText()), 231);

  const reference = (await readFile(join(shared, 'reference', 'road_traffic_fines', 'variants.csv'), 'utf8')).trim().split('\n');
  const top = Number(reference[1].split(',').at(-2));
  await page.click('role=tab[name="Variants"]');
  await page.waitForSelector('#variants-table tbody tr');
  assert.equal(num(await page.locator('#variants-table tbody tr').first().locator('td.cases').innerText()), top);
  assert.match(await page.locator('#variant-total').innerText(), /231/);

  await page.click('role=tab[name="Process map"]');
  await waitForMap(page);
  await page.$eval('#paths-slider', el => { el.value = '100'; el.dispatchEvent(new Event('input', { bubbles: true })); });
  await page.click('#mode-performance');
  await page.waitForFunction(() => [...document.querySelectorAll('.map-drawing .edge-labels text')].some(t => / d$/.test(t.textContent)));
  await shot(page, 'road-fines-performance');
  const [svg] = await Promise.all([page.waitForEvent('download'), page.click('#export-svg')]);
  const text = await readFile(await svg.path(), 'utf8');
  assert.match(text, /Send for Credit Collection/);

  await page.click('role=tab[name="Import report"]').catch(() => page.click('text=Import report'));
  await page.waitForSelector('#import-report');
  assert.equal(num(await page.locator('#report-rows').innerText()), 561470);
  assert.equal(num(await page.locator('#report-skipped').innerText()), 0);
  await page.click('#import-report button.close');

  assert.deepEqual(app.problems.external, []);
  assert.deepEqual(app.problems.console, []);
});
