// Case replay on the demo map: tokens move over the map as the clock runs, colours follow an attribute,
// and the replay records as a WebM video.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { stat, readFile } from 'node:fs/promises';
import { demoApp, shot } from './fixture.mjs';

const app = demoApp();

/** A fingerprint of the replay canvas's pixels. */
const pixels = page => page.$eval('.replay-canvas', c => {
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let h = 0, ink = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i]) { ink++; h = (h * 31 + i) % 1000000007; }
  return { h, ink };
});

test('replay plays: the clock runs and the tokens move', async () => {
  const { page } = app;
  await page.click('#replay-toggle');
  await page.waitForFunction(() => /5\u202f?000 cases/.test(document.querySelector('#replay-cases')?.textContent ?? ''));
  await page.$eval('#replay-speed', el => { el.value = '1'; el.dispatchEvent(new Event('input', { bubbles: true })); });
  const clock0 = await page.locator('#replay-clock').innerText();
  await page.click('#replay-play');
  await page.waitForTimeout(1200);
  const a = await pixels(page);
  await page.waitForTimeout(800);
  const b = await pixels(page);
  assert.ok(a.ink > 0 && b.ink > 0, 'tokens are drawn');
  assert.notEqual(a.h, b.h, 'the tokens moved');
  assert.notEqual(await page.locator('#replay-clock').innerText(), clock0, 'the clock runs');
  assert.match(await page.locator('#replay-stamp').innerText(), /\d{4}/, 'the time is shown over the map');
  await shot(page, 'replay');
});

test('tokens take the colours of an attribute, with a legend', async () => {
  const { page } = app;
  await page.selectOption('#replay-colour', 'a:segment');
  await page.waitForFunction(() => document.querySelectorAll('#replay-legend .legend-item').length >= 3);
  const legend = await page.locator('#replay-legend').innerText();
  assert.match(legend, /SME/);
  await page.selectOption('#replay-mode', 'relative');
  await page.waitForFunction(() => /day [\d.]+ of each case/.test(document.querySelector('#replay-clock').textContent));
});

test('the replay records as a non-empty WebM video', async () => {
  const { page } = app;
  await page.click('#replay-record');
  await page.waitForTimeout(2000);
  const [video] = await Promise.all([page.waitForEvent('download', { timeout: 20000 }), page.click('#replay-record')]);
  assert.equal(video.suggestedFilename(), 'replay.webm');
  const path = await video.path();
  assert.ok((await stat(path)).size > 1000);
  const head = (await readFile(path)).subarray(0, 4);
  assert.deepEqual([...head], [0x1a, 0x45, 0xdf, 0xa3], 'a WebM (EBML) file');
  await page.click('#replay-toggle');
  await page.waitForSelector('.replay-canvas', { state: 'detached' });
  assert.deepEqual(app.problems.external, []);
  assert.deepEqual(app.problems.console, []);
});
