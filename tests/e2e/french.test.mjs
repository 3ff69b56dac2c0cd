// A French browser gets the French interface with French number and date formats; the switch in the
// header changes the language and the choice holds for the session.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoApp, waitForMap, shot } from './fixture.mjs';

const app = demoApp({ open: { locale: 'fr-FR' } });

test('a French browser opens in French, with French numbers and dates', async () => {
  const { page } = app;
  assert.equal(await page.locator('role=tab[name="Carte des processus"]').count(), 1);
  assert.match(await page.locator('#log-title').innerText(), /Journal de démo/);
  // The room reads the whole title at 1280 px (the longer French words once cut it to "Journa…").
  assert.equal(await page.$eval('#log-title .file-name', el => el.scrollWidth > el.clientWidth), false);
  assert.match(await page.locator('#log-title').innerText(), /5\u202f000 dossiers · [\d\u202f]+ événements/);
  assert.match(await page.locator('.privacy').innerText(), /jamais envoyé/);
  assert.match(await page.locator('#map-stats').innerText(), /activités sur/);
  // The demo itself is in French: what a French ERP exports.
  assert.equal(await page.locator('.map-drawing g.node[aria-label^="Facture émise:"]').count(), 1);
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
  assert.match(await page.locator('#outcome-summary').innerText(), /sur [\d\u202f]+ dossiers/);
  // The notes under the findings too (they were once English on the French page).
  const panel = await page.locator('.content').innerText();
  for (const english of ['Attribute values are taken', 'Outcomes are measured', 'Findings: q', 'are not independent']) {
    assert.ok(!panel.includes(english), `French insights say "${english}"`);
  }
  assert.match(panel, /Benjamini–Hochberg sur toutes les valeurs testées/);
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
  assert.equal(await page.locator('.map-drawing g.node[aria-label^="Invoice created:"]').count(), 1, 'the demo reloads in English');
  await page.click('#language-switch');
  await page.waitForSelector('role=tab[name="Carte des processus"]');
  assert.deepEqual(app.problems.external, []);
  assert.deepEqual(app.problems.console, []);
});

test('the built-in rule packs speak French', async () => {
  const { page } = app;
  await page.click('role=tab[name="Recouvrement"]');
  const fee = page.locator('#compliance-table tr[data-rule="fr-40-eur-recovery-fee"]');
  await fee.waitFor({ timeout: 30000 });
  const text = await fee.innerText();
  assert.match(text, /indemnité forfaitaire pour frais de recouvrement de 40 €/);
  assert.match(text, /Retards de paiement UE \/ France/);
  assert.doesNotMatch(text, /recovery indemnity/);
  assert.match(await page.locator('.packs').innerText(), /Politique de relance B2B/);
  await fee.locator('details.rule-notes summary').click();
  assert.match(await fee.innerText(), /taux de refinancement de la BCE/);
  await fee.scrollIntoViewIfNeeded();
  await shot(page, 'french-compliance');
  await page.click('role=tab[name="Carte des processus"]');
  await waitForMap(page);
});

test("the import report and import errors are in French too", async () => {
  const { page } = app;
  const dir = await mkdtemp(join(tmpdir(), 'relance-e2e-'));
  const messy = join(dir, 'factures.csv');
  await writeFile(messy, [
    'facture;activite;date',
    'F-1;Facture émise;2024-01-03 09:00',
    'F-1;Paiement reçu;2024-02-03 10:00',
    'F-2;Facture émise;le 4 janvier',
    'F-2;;2024-01-05 10:00',
    'F-3;Facture émise;2024-01-06 09:00',
  ].join('\n') + '\n');
  await page.setInputFiles('#file-input', messy);
  await page.waitForSelector('#mapping-screen');
  await page.click('#mapping-confirm');
  await page.waitForFunction(() => /factures/.test(document.querySelector('#log-title').textContent));
  await waitForMap(page);
  await page.click('text=Rapport d\'import');
  await page.waitForSelector('#import-report');
  const report = await page.locator('#import-report').innerText();
  assert.match(report, /horodatage illisible : 1/);
  assert.match(report, /activité manquante : 1/);
  assert.match(report, /« le 4 janvier » ne se lit pas comme une date et une heure/);
  assert.match(report, /pas d'activité/);
  assert.match(report, /horodatages sans fuseau horaire, lus en UTC : 3/);
  assert.doesNotMatch(report, /read as UTC|no activity|cannot read/);
  await shot(page, 'french-import-report-problems');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#import-report', { state: 'detached' });

  // A file with no readable event: the error says why, in French, down to the first problem.
  const empty = join(dir, 'sans_dates.csv');
  await writeFile(empty, 'facture;activite;date\nF-1;Facture émise;\nF-2;Facture émise;\n');
  await page.setInputFiles('#file-input', empty);
  await page.waitForSelector('#mapping-screen, .toast.error', { timeout: 30000 });
  if (await page.locator('#mapping-screen').count()) await page.click('#mapping-confirm');
  const toast = page.locator('.toast.error .message');
  await toast.waitFor({ timeout: 30000 });
  const message = await toast.innerText();
  assert.match(message, /sans_dates\.csv/);
  assert.match(message, /aucun événement n'a pu être lu : 2 lignes, 2 ignorées/);
  assert.match(message, /pas d'horodatage/);
  assert.deepEqual(app.problems.external, []);
});
