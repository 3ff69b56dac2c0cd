// Keyboard use on the demo log: dialogs take the focus, close on Escape and give the focus back; heatmap
// cells act on Enter and Space; the map pans with the arrow keys; the filter dialog never carries a value
// typed for one filter kind into another.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoApp } from './fixture.mjs';

const app = demoApp();

const clear = async page => {
  await page.click('#filter-bar button:has-text("Clear all")');
  await page.waitForSelector('#filter-bar', { state: 'detached' });
};
const focusInside = (page, sel) => page.evaluate(sel => !!document.activeElement?.closest(sel), sel);

test('the map pans with the arrow keys', async () => {
  const { page } = app;
  const transform = () => page.$eval('.map-drawing', el => el.style.transform);
  await page.focus('#map-viewport');
  const start = await transform();
  await page.keyboard.press('ArrowLeft');
  const moved = await transform();
  assert.notEqual(moved, start);
  const x = t => Number(t.match(/translate\((-?[\d.]+)px/)[1]);
  assert.ok(x(moved) > x(start), `${start} -> ${moved}`);
  await page.keyboard.press('ArrowUp');
  const y = t => Number(t.match(/translate\(-?[\d.]+px, (-?[\d.]+)px/)[1]);
  assert.ok(y(await transform()) > y(moved));
  await page.keyboard.press('0');
});

test('the filter dialog takes the focus, closes on Escape and gives the focus back', async () => {
  const { page } = app;
  await page.focus('#add-filter');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#filter-dialog');
  const dialog = page.locator('#filter-dialog');
  assert.equal(await dialog.getAttribute('role'), 'dialog');
  assert.equal(await dialog.getAttribute('aria-modal'), 'true');
  const labelledby = await dialog.getAttribute('aria-labelledby');
  assert.equal(await page.locator(`#${labelledby}`).innerText(), 'Add a filter');
  await page.waitForFunction(() => !!document.activeElement?.closest('#filter-dialog'));
  // Keep / Remove say which one is pressed.
  assert.equal(await page.getAttribute('#filter-keep', 'aria-pressed'), 'true');
  assert.equal(await page.getAttribute('#filter-remove', 'aria-pressed'), 'false');
  await page.click('#filter-remove');
  assert.equal(await page.getAttribute('#filter-keep', 'aria-pressed'), 'false');
  assert.equal(await page.getAttribute('#filter-remove', 'aria-pressed'), 'true');
  // Tab stays inside the dialog.
  for (let i = 0; i < 40; i++) await page.keyboard.press('Tab');
  assert.ok(await focusInside(page, '#filter-dialog'), 'Tab left the dialog');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#filter-dialog', { state: 'detached' });
  await page.waitForFunction(() => document.activeElement?.id === 'add-filter');
  // A new opening starts from a blank form.
  await page.click('#add-filter');
  await page.waitForSelector('#filter-dialog');
  assert.equal(await page.locator('#filter-kind').inputValue(), 'activities');
  assert.equal(await page.getAttribute('#filter-keep', 'aria-pressed'), 'true');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#filter-dialog', { state: 'detached' });
});

test('switching the filter kind does not carry values over', async () => {
  const { page } = app;
  await page.click('#add-filter');
  await page.waitForSelector('#filter-dialog');
  // "within 5 days" typed for a follower filter…
  await page.selectOption('#filter-kind', 'follower');
  await page.fill('#filter-within', '5');
  // …must not become a duration once the kind is "Duration or size".
  await page.selectOption('#filter-kind', 'performance');
  assert.equal(await page.locator('#filter-dur-min').inputValue(), '');
  await page.fill('#filter-events-min', '3');
  await page.click('#filter-add');
  await page.waitForSelector('#filter-bar .chip');
  const chip = await page.locator('#filter-bar .chip').innerText();
  assert.match(chip, /events 3 – ∞/);
  assert.doesNotMatch(chip, /duration/);
  await clear(page);
  // A number typed as a duration is not a top-k for variants.
  await page.click('#add-filter');
  await page.waitForSelector('#filter-dialog');
  await page.selectOption('#filter-kind', 'performance');
  await page.fill('#filter-dur-min', '7');
  await page.selectOption('#filter-kind', 'variants');
  assert.equal(await page.locator('#filter-topk').inputValue(), '');
  await page.fill('#filter-min-cases', '10');
  await page.click('#filter-add');
  await page.waitForSelector('#filter-bar .chip');
  const chip2 = await page.locator('#filter-bar .chip').innerText();
  assert.match(chip2, /variants with ≥ 10 cases/);
  assert.doesNotMatch(chip2, /top/);
  await clear(page);
});

test('the import report closes on Escape', async () => {
  const { page } = app;
  await page.click('button.tab.link:has-text("Import report")');
  await page.waitForSelector('#import-report');
  assert.equal(await page.getAttribute('#import-report', 'aria-modal'), 'true');
  await page.waitForFunction(() => !!document.activeElement?.closest('#import-report'));
  await page.keyboard.press('Escape');
  await page.waitForSelector('#import-report', { state: 'detached' });
});

test('heatmap cells act on Enter and Space', async () => {
  const { page } = app;
  await page.click('role=tab[name="Explore"]');
  await page.waitForSelector('#transition-heatmap td.cell');
  const cell = page.locator('#transition-heatmap td.cell[data-from="Dispute raised"][data-to="Dispute resolved"]');
  assert.equal(await cell.getAttribute('role'), 'button');
  assert.match(await cell.getAttribute('aria-label'), /Dispute raised → Dispute resolved/);
  await cell.focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('#filter-bar .chip');
  assert.match(await page.locator('#filter-bar').innerText(), /Dispute raised → Dispute resolved/);
  await clear(page);
  await page.click('button.subtab:has-text("Weekday × hour")');
  await page.waitForSelector('#calendar-heatmap td.cell');
  await page.locator('#calendar-heatmap tbody tr').first().locator('td.cell').first().focus();
  await page.keyboard.press('Space');
  await page.waitForSelector('#filter-bar .chip');
  await clear(page);
  assert.deepEqual(app.problems.external, []);
  assert.deepEqual(app.problems.console, []);
});
