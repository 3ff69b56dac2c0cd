// Explore on the demo log: filters added from the filter dialog, a heatmap cell and the map; the dotted
// chart and the case explorer; saving and loading a view file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoApp, num, shot } from './fixture.mjs';

const app = demoApp();

const selected = async page => num(await page.locator('#filter-count').innerText());
const clear = async page => {
  await page.click('#filter-bar button:has-text("Clear all")');
  await page.waitForSelector('#filter-bar', { state: 'detached' });
};

test('a transition heatmap cell filters to the cases with that step', async () => {
  const { page } = app;
  await page.click('role=tab[name="Explore"]');
  await page.waitForSelector('#transition-heatmap td.cell');
  await shot(page, 'explore-heatmap');
  const cell = page.locator('#transition-heatmap td.cell[data-from="Dispute raised"][data-to="Dispute resolved"]');
  await cell.click();
  await page.waitForSelector('#filter-bar .chip');
  assert.match(await page.locator('#filter-bar').innerText(), /Dispute raised → Dispute resolved/);
  const n = await selected(page);
  assert.ok(n > 100 && n < 1000, `${n} cases with a resolved dispute`);
  await clear(page);
});

test('breakdown heatmap by resource and calendar heatmap', async () => {
  const { page } = app;
  await page.selectOption('#breakdown-heatmap-by', { label: 'resource (who did the step)' });
  await page.waitForSelector('#breakdown-heatmap td.cell');
  const rows = await page.$$eval('#breakdown-heatmap tbody th', ths => ths.map(t => t.textContent));
  assert.ok(rows.includes('Olivier'), rows.join(','));
  await page.click('button.subtab:has-text("Weekday × hour")');
  await page.waitForSelector('#calendar-heatmap td.cell');
  // Demo work happens on working days: far more events on Mondays than on Sundays.
  const perDay = await page.$$eval('#calendar-heatmap tbody tr', trs => trs.map(tr =>
    [...tr.querySelectorAll('td.cell .v')].reduce((a, v) => a + Number(v.textContent.replace(/\D/g, '')), 0)));
  assert.ok(perDay[0] > 3 * perDay[6], perDay.join(','));
  await page.locator('#calendar-heatmap tbody tr').first().locator('td.cell').first().click();
  await page.waitForSelector('#filter-bar .chip');
  assert.ok(await selected(page) > 0);
  await clear(page);
});

test('dotted chart and case explorer with next and previous', async () => {
  const { page } = app;
  await page.click('button.subtab:has-text("Dotted chart")');
  await page.waitForSelector('#dotted-count');
  assert.match(await page.locator('#dotted-count').innerText(), /^5[\s\u202f]?000 cases|^5000 cases/);
  await shot(page, 'explore-dotted');
  await page.locator('#dotted-canvas').click({ position: { x: 300, y: 10 } });
  await page.waitForSelector('#case-title');
  const first = await page.locator('#case-title').innerText();
  assert.match(first, /^Case INV-\d{6}$/);
  await page.click('#case-next');
  await page.waitForFunction(t => document.querySelector('#case-title').textContent !== t, first);
  await page.click('#case-prev');
  await page.waitForFunction(t => document.querySelector('#case-title').textContent === t, first);
  await page.fill('#case-search', 'INV-100042');
  await page.click('.case-search button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#case-title').textContent === 'Case INV-100042');
  const rows = await page.locator('#case-timeline tbody tr').count();
  assert.ok(rows >= 2);
  assert.match(await page.locator('#case-timeline tbody tr').first().innerText(), /Invoice created|Credit check requested/);
  await shot(page, 'explore-case');
});

test('filters from the dialog: activity present, keep and remove', async () => {
  const { page } = app;
  await page.click('#add-filter');
  await page.waitForSelector('#filter-dialog .value-list .value');
  await page.locator('#filter-dialog .value', { hasText: 'Written off' }).locator('input').check();
  await page.click('#filter-add');
  await page.waitForSelector('#filter-bar .chip');
  const kept = await selected(page);
  await clear(page);
  await page.click('#add-filter');
  await page.waitForSelector('#filter-dialog .value-list .value');
  await page.locator('#filter-dialog .value', { hasText: 'Written off' }).locator('input').check();
  await page.click('#filter-remove');
  await page.click('#filter-add');
  await page.waitForSelector('#filter-bar .chip');
  assert.match(await page.locator('#filter-bar').innerText(), /not: with Written off/);
  assert.equal(kept + await selected(page), 5000);
});

test('a view file saves the filters and loads them back', async () => {
  const { page } = app;
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#save-view')]);
  const text = await readFile(await dl.path(), 'utf8');
  const view = JSON.parse(text);
  assert.equal(view.relance_view, 1);
  assert.equal(view.filters.items[0].filter.kind, 'activities');
  assert.equal(view.filters.items[0].keep, false);
  assert.ok(!text.includes('INV-'), 'no log data in a view file');
  const before = await selected(page);
  await clear(page);
  const dir = await mkdtemp(join(tmpdir(), 'relance-view-'));
  const file = join(dir, 'view.json');
  await writeFile(file, text);
  await page.setInputFiles('#view-input', file);
  await page.waitForSelector('#filter-bar .chip');
  await page.waitForFunction(n => Number(document.querySelector('#filter-count').textContent.replace(/\u202f/g, '').match(/\d+/)[0]) === n, before);
  await clear(page);
  assert.deepEqual(app.problems.external, []);
  assert.deepEqual(app.problems.console, []);
});
