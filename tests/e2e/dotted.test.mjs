// The dotted chart opened before any other Explore view: its attribute list, rows sorted by an amount
// as numbers, and one colour per activity.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoApp } from './fixture.mjs';

const app = demoApp();

test('every activity of the demo has its own colour', async () => {
  const { page } = app;
  await page.click('role=tab[name="Explore"]');
  await page.click('button.subtab:has-text("Dotted chart")');
  await page.waitForSelector('#dotted-legend .legend-item');
  const colours = await page.$$eval('#dotted-legend .legend-item .swatch', els => els.map(e => getComputedStyle(e).backgroundColor));
  assert.ok(colours.length >= 15, `${colours.length} activities`);
  assert.equal(new Set(colours).size, colours.length, colours.join(' '));
});

test('the attributes are offered and an amount sorts as a number', async () => {
  const { page } = app;
  const options = await page.$$eval('#dotted-order option', os => os.map(o => o.textContent));
  assert.ok(options.includes('amount') && options.includes('segment'), options.join(','));
  const drawn = await page.$eval('#dotted-canvas', c => c.toDataURL());
  await page.selectOption('#dotted-order', { label: 'amount' });
  // Wait for the rows in the new order to be drawn.
  await page.waitForFunction(d => document.querySelector('#dotted-canvas').toDataURL() !== d, drawn);
  const amounts = [];
  let title = '';
  for (const y of [1, 90, 180, 270, 360, 450, 525]) {
    await page.locator('#dotted-canvas').click({ position: { x: 300, y } });
    await page.waitForFunction(t => {
      const h = document.querySelector('#case-title');
      return h && h.textContent !== t && /amount: /.test(document.querySelector('#case-timeline').textContent);
    }, title);
    title = await page.locator('#case-title').innerText();
    const text = await page.locator('#case-timeline').innerText();
    amounts.push(Number(text.match(/amount: (-?[\d.]+)/)[1]));
    await page.click('button.subtab:has-text("Dotted chart")');
    await page.waitForSelector('#dotted-legend .legend-item');
    assert.equal(await page.locator('#dotted-order').evaluate(s => s.selectedOptions[0].textContent), 'amount');
  }
  for (let i = 1; i < amounts.length; i++) assert.ok(amounts[i - 1] <= amounts[i], amounts.join(' ≤ '));
  assert.deepEqual(app.problems.external, []);
  assert.deepEqual(app.problems.console, []);
});
