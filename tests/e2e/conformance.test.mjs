// The conformance view on the demo log: the default happy path (top variants covering 80 %) gives the
// CLI's fitness for the same log and model; deviations are listed, ranked, and a chip filters to
// exactly their cases; a happy path mined from ticked variants; the model exported as BPMN downloads,
// gives the same figures to the CLI and imports back; a BPMN the engine cannot read is named; the
// view in French; no request leaves the page's origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { num, shot, relanceBinary, demoApp } from './fixture.mjs';


let dir, demo, relance;
before(() => {
  relance = relanceBinary();
  dir = mkdtempSync(join(tmpdir(), 'relance-conformance-'));
  demo = join(dir, 'demo.csv');
  // The app's demo log: 5,000 invoices, seed 7, in English.
  writeFileSync(demo, execFileSync(relance, ['demo', '--invoices', '5000', '--seed', '7'], { maxBuffer: 1 << 28 }));
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});
const app = demoApp({
  open: { viewport: { width: 1280, height: 900 } },
  ready: async ({ page }) => {
    await page.click('role=tab[name="Conformance"]');
    await page.waitForSelector('#cf-log-fitness', { timeout: 60000 });
  },
});

const cli = args => JSON.parse(execFileSync(relance, ['conformance', demo, ...args, '--json'], { maxBuffer: 1 << 28 }));
const shown = async (page, id) => (await page.locator(id).innerText()).trim();
const fitness = async page => Number((await shown(page, '#cf-log-fitness')).replace(',', '.'));

// Known bug, kept visible rather than dropped: on the demo the app's default happy path gives a log
// fitness of 0.9909 and `relance conformance --happy-path 80` 0.9876 (the same model fits the same log
// identically in both, so the two pick different variants for "the top 80 %"). Runs and reports as a
// to-do until that is fixed.
test("the default happy path gives the CLI's fitness, fitting cases and deviations", async () => {
  const { page } = app;
  const json = cli(['--happy-path', '80']);
  assert.equal(await shown(page, '#cf-log-fitness'), json.fitness.toFixed(4));
  assert.equal(await shown(page, '#cf-trace-fitness'), json.average_trace_fitness.toFixed(4));
  assert.equal(num(await shown(page, '#cf-fit-cases')), json.fit_cases);
  assert.match(await page.locator('#cf-model-description').innerText(), /80/);
  // The deviations, in the CLI's order, each with its cases.
  const rows = page.locator('#cf-deviations tbody tr');
  assert.equal(await rows.count(), Math.min(json.deviations.length, 200));
  const first = await rows.first().locator('td').allInnerTexts();
  assert.equal(first[2], json.deviations[0].activity);
  assert.equal(num(first[3]), json.deviations[0].cases);
  assert.match(await page.locator('#cf-caveat').innerText(), /not proof of cause/);
  // The model drawn, with the deviating activities marked.
  assert.ok(await page.locator('#cf-model svg g.task').count() >= 3);
  assert.ok(await page.locator('#cf-model svg g.task.deviating').count() >= 1);
  // Scenarios side by side, said to be estimates, each change with its interval.
  assert.ok(await page.locator('#cf-scenarios tbody tr').count() >= 1);
  assert.match(await page.locator('#cf-scenarios-caveat').innerText(), /not promises/);
  await shot(page, 'conformance-default');
});

test("a deviation's chip filters to exactly its cases; a variant's moves open on demand", async () => {
  const { page } = app;
  const row = page.locator('#cf-deviations tbody tr').first();
  const cases = num((await row.locator('td').allInnerTexts())[3]);
  await row.locator('button.deviation-cases').click();
  await page.waitForSelector('#filter-bar .chip');
  await page.waitForFunction(n => Number(document.querySelector('#filter-count').textContent.replace(/\u202f/g, '').match(/\d+/)[0]) === n, cases);
  // Recomputed on the filtered cases: all of them have the deviation.
  await page.waitForFunction(n => (document.querySelector('#cf-cases')?.textContent ?? '').replace(/\u202f/g, '').startsWith(String(n)), cases);
  await page.click('#filter-bar button:has-text("Clear all")');
  await page.waitForSelector('#filter-bar', { state: 'detached' });
  await page.waitForFunction(() => Number((document.querySelector('#cf-cases')?.textContent ?? '').replace(/\u202f/g, '').match(/\d+/)?.[0]) === 5000);
  const deviating = page.locator('#cf-variants tbody tr:not(.fits) button.variant-moves').first();
  await deviating.click();
  await page.waitForSelector('#cf-moves li');
  assert.ok(await page.locator('#cf-moves li.move.log, #cf-moves li.move.model').count() >= 1, 'a deviating variant has a deviating move');
});

test('a happy path mined from ticked variants', async () => {
  const { page } = app;
  const before = await fitness(page);
  const ticks = page.locator('#cf-variants tbody input.cf-tick');
  await ticks.nth(0).check();
  await ticks.nth(1).check();
  await page.click('#cf-mine-ticked');
  await page.waitForFunction(() => /2 chosen variants/.test(document.querySelector('#cf-model-description')?.textContent ?? ''));
  const after = await fitness(page);
  assert.ok(after > 0 && after <= 1, String(after));
  assert.notEqual(after, before);
  // Back to the default for the next tests.
  await page.fill('#cf-coverage', '80');
  await page.click('#cf-mine');
  await page.waitForFunction(b => Number(document.querySelector('#cf-log-fitness').textContent.replace(',', '.')) === b, before);
});

test('the model exported as BPMN downloads, the CLI reads it with the same figures, and it imports back', async () => {
  const { page } = app;
  const before = await fitness(page);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#cf-export-bpmn')]);
  assert.equal(dl.suggestedFilename(), 'ideal-process.bpmn');
  const path = join(dir, 'ideal.bpmn');
  await dl.saveAs(path);
  const xml = readFileSync(path, 'utf8');
  assert.match(xml, /<bpmn:definitions|<definitions/);
  assert.match(xml, /BPMNDiagram/);
  const json = cli(['--model', path]);
  assert.equal(json.fitness.toFixed(4), before.toFixed(4));
  await page.setInputFiles('#cf-model-input', path);
  await page.waitForFunction(() => /ideal\.bpmn/.test(document.querySelector('#cf-model-description')?.textContent ?? ''));
  assert.equal((await fitness(page)).toFixed(4), before.toFixed(4));
  // The PNML export downloads too.
  const [pn] = await Promise.all([page.waitForEvent('download'), page.click('#cf-export-pnml')]);
  assert.equal(pn.suggestedFilename(), 'ideal-process.pnml');
});

test('a BPMN the engine cannot read is named, and the last good model stays', async () => {
  const { page } = app;
  const before = await fitness(page);
  const bad = join(dir, 'or.bpmn');
  writeFileSync(bad, `<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p">
<startEvent id="s"/><inclusiveGateway id="or1" name="Which reminders"/><endEvent id="e"/>
<sequenceFlow id="f1" sourceRef="s" targetRef="or1"/><sequenceFlow id="f2" sourceRef="or1" targetRef="e"/>
</process></definitions>`);
  await page.setInputFiles('#cf-model-input', bad);
  await page.waitForSelector('#cf-model-error');
  const msg = await page.locator('#cf-model-error').innerText();
  assert.match(msg, /inclusiveGateway/);
  assert.match(msg, /or1/);
  assert.equal(await fitness(page), before);
});

test('the view in French; no request left the page', async () => {
  const { page, problems } = app;
  await page.click('#language-switch');
  await page.waitForSelector('role=tab[name="Conformité"]');
  await page.waitForFunction(() => /Adéquation du journal/.test(document.querySelector('#cf-fitness-panel')?.textContent ?? ''));
  assert.match(await page.locator('#cf-log-fitness').innerText(), /^\d,\d{4}$/);
  assert.match(await page.locator('#cf-scenarios-caveat').innerText(), /pas des promesses/);
  await shot(page, 'conformance-fr');
  await page.click('#language-switch');
  assert.deepEqual(problems.external, []);
  assert.deepEqual(problems.console, []);
});
