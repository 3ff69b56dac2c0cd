// A French browser gets the French interface with French number and date formats; the switch in the
// header changes the language and the choice holds for the session.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openApp, waitForMap, shot } from './fixture.mjs';

let server, browser, app;
before(async () => {
  server = await serve();
  browser = await launch();
  app = await openApp(browser, server, { locale: 'fr-FR' });
  await waitForMap(app.page);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('a French browser opens in French, with French numbers and dates', async () => {
  const { page } = app;
  assert.equal(await page.locator('role=tab[name="Carte des processus"]').count(), 1);
  assert.match(await page.locator('#log-title').innerText(), /Journal de démonstration/);
  assert.match(await page.locator('#log-title').innerText(), /5\u202f000 dossiers · [\d\u202f]+ événements/);
  assert.match(await page.locator('.privacy').innerText(), /jamais envoyé/);
  assert.match(await page.locator('#map-stats').innerText(), /activités sur/);
  await page.click('role=tab[name="Vue d\'ensemble"]');
  await page.waitForSelector('#overview-median');
  // Durations with a decimal comma and French units.
  assert.match(await page.locator('#overview-median').innerText(), /^\d+,\d j$/);
  await page.click('role=tab[name="Analyses"]');
  await page.waitForSelector('#insights-sentences li');
  // The engine's sentences in French, percentages with a comma where they have decimals.
  assert.match(await page.locator('#insights-sentences li').first().innerText(), /Les factures .* sont payées en retard/);
  assert.match(await page.locator('#insights-caveat').innerText(), /pas la preuve d'une cause/);
  assert.match(await page.locator('#outcome-summary').innerText(), /\d+,\d\u00a0%/);
  await shot(page, 'french-insights');
  await page.click('role=tab[name="Carte des processus"]');
  await waitForMap(page);
});

test('the switch changes the language, and the choice holds after a reload', async () => {
  const { page } = app;
  await page.click('#language-switch');
  await page.waitForSelector('role=tab[name="Process map"]');
  assert.match(await page.locator('#log-title').innerText(), /5\u202f000 cases/);
  await page.reload();
  await waitForMap(page);
  assert.equal(await page.locator('role=tab[name="Process map"]').count(), 1, 'still English after a reload');
  await page.click('#language-switch');
  await page.waitForSelector('role=tab[name="Carte des processus"]');
  assert.deepEqual(app.problems.external, []);
  assert.deepEqual(app.problems.console, []);
});
