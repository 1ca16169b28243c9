// End-to-end test in a real browser (Debian's Chromium, driven by playwright-core): starts the packaged app on its
// embedded default, books a callback from the Tasklist start form, corrects a rejected request in the review task,
// checks both follow-ups in Cockpit, and reschedules the first one from the plugin's "Talkdesk callback" tab (the new
// time shows in the tab and in the sandbox). Screenshots go to target/e2e/; the tab's also to docs/cockpit-tab.png.
// The review is done by a supervisor (a user in group supervisors only), not by the admin.
// Usage: node .ci/e2e.mjs target/<app>-app.jar
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const jar = resolve(process.argv[2] || '');
const port = Number(process.env.E2E_PORT || 18080);
const base = `http://localhost:${port}`;
const user = 'admin';
const password = 'e2e-Admin-Pass-1';
const shots = resolve('target/e2e');
mkdirSync(shots, { recursive: true });
const auth = 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
const workdir = mkdtempSync(join(tmpdir(), 'callbacks-e2e-'));

const app = spawn('java', ['-jar', jar, `--server.port=${port}`], {
  cwd: workdir, env: { ...process.env, CAMUNDA_BPM_ADMINUSER_PASSWORD: password }, stdio: ['ignore', 'pipe', 'pipe'],
});
let appLog = '';
app.stdout.on('data', (d) => { appLog += d; });
app.stderr.on('data', (d) => { appLog += d; });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(what, check, seconds = 60) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (e) { /* not yet */ }
    await sleep(500);
  }
  throw new Error(`timed out waiting for ${what}`);
}
async function rest(path) {
  const response = await fetch(`${base}/engine-rest${path}`, { headers: { Authorization: auth } });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}
async function restWrite(method, path, body) {
  const response = await fetch(`${base}/engine-rest${path}`, {
    method, headers: { Authorization: auth, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
}
async function login(target, name, secret) {
  await target.goto(`${base}/camunda/app/tasklist/`);
  await target.fill('input[ng-model="username"]', name);
  await target.fill('input[ng-model="password"]', secret);
  await target.click('button[type="submit"]');
}
async function instanceOf(ticket) {
  const instances = await rest(`/history/process-instance?processInstanceBusinessKey=${ticket}`);
  return instances[0];
}
async function variable(instanceId, name) {
  const found = await rest(`/history/variable-instance?processInstanceId=${instanceId}&variableName=${name}`);
  return found[0]?.value;
}
function tomorrowLocal() {
  const d = new Date(Date.now() + 24 * 3600 * 1000);
  return `${d.toISOString().slice(0, 10)}T10:00`;
}

let browser;
let page;
let step = 0;
async function shot(name) {
  step += 1;
  await page.screenshot({ path: join(shots, `${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
}
async function fill(field, value) {
  const input = page.locator(`input[id$="-Field_${field}"], textarea[id$="-Field_${field}"]`).first();
  await input.fill(value);
}

try {
  const started = Date.now();
  await until('the app to be healthy', async () => (await fetch(`${base}/actuator/health`)).ok, 120);
  console.log(`app healthy after ${Math.round((Date.now() - started) / 1000)}s`);

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(90_000); // a loaded 2-core machine renders the webapps slowly

  await login(page, user, password);
  await page.getByText('Start process').first().waitFor();
  await shot('tasklist-logged-in');

  async function startFromForm(ticket, phone, callerId) {
    await page.getByText('Start process').first().click();
    await page.getByText('Support follow-up callback').first().click();
    await page.locator('input[id$="-Field_ticketId"]').waitFor();
    await fill('ticketId', ticket);
    await fill('phoneNumber', phone);
    await fill('phoneRegion', 'PT');
    await fill('callbackTime', tomorrowLocal());
    await fill('timezone', 'Europe/Lisbon');
    if (callerId) await fill('callerId', callerId);
    await fill('notes', 'Customer asked about an invoice');
    // the form may still be settling when the first field is filled: check it kept its value
    if ((await page.locator('input[id$="-Field_ticketId"]').first().inputValue()) !== ticket) await fill('ticketId', ticket);
    await shot(`start-form-${ticket}`);
    await page.locator('button:has-text("Start")').last().click();
    return until(`follow-up ${ticket} to start`, () => instanceOf(ticket));
  }

  const booked = await startFromForm('E2E-1', '912 345 678');
  const callbackId = await until('the callback to be booked', () => variable(booked.id, 'callbackId'));
  console.log(`E2E-1 booked callback ${callbackId}`);

  const rejected = await startFromForm('E2E-2', '913 000 111', '+351219999999');
  await until('the review task', async () => (await rest(`/task?processInstanceId=${rejected.id}`)).length === 1);
  // the review is a supervisor's work: a user in group supervisors only, in a browser session of its own
  const supervisor = 'e2eSupervisor';
  const supervisorPassword = 'e2e-Supervisor-Pass-1';
  await restWrite('POST', '/user/create', {
    profile: { id: supervisor, firstName: 'Sam', lastName: 'Supervisor', email: 'sam@example.com' },
    credentials: { password: supervisorPassword },
  });
  await restWrite('PUT', `/group/supervisors/members/${supervisor}`);
  const adminPage = page;
  const supervisorContext = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  page = await supervisorContext.newPage();
  page.setDefaultTimeout(90_000);
  await login(page, supervisor, supervisorPassword);
  await page.getByText('All tasks').first().click();
  await page.getByText('Review callback request').first().click();
  await page.getByText('Claim').first().click();
  const message = page.locator('textarea[id$="-Field_callbackRejectionMessage"]');
  await message.waitFor();
  const reason = await message.inputValue();
  if (!reason.includes('Caller ID +351 21 999 9999 is not a number your Talkdesk account owns')) {
    throw new Error(`review form does not show Talkdesk's reason in plain words: ${reason}`);
  }
  await shot('review-task');
  await fill('callerId', '+14155550100');
  await page.locator('button:has-text("Complete")').first().click();
  const corrected = await until('the corrected callback to be booked', () => variable(rejected.id, 'callbackId'));
  if (corrected === callbackId) throw new Error('the corrected request reused the first callback');
  if ((await variable(rejected.id, 'callbackStatus')) !== 'SCHEDULED') throw new Error('E2E-2 is not SCHEDULED');
  console.log(`E2E-2 booked callback ${corrected} after review`);
  await shot('review-completed');
  const readAsSupervisor = await fetch(`${base}/engine-rest/process-definition/key/support-follow-up/xml`, {
    headers: { Authorization: 'Basic ' + Buffer.from(`${supervisor}:${supervisorPassword}`).toString('base64') },
  });
  if (!readAsSupervisor.ok) throw new Error(`a supervisor cannot read the follow-ups: ${readAsSupervisor.status}`);
  await supervisorContext.close();
  page = adminPage;

  const definition = (await rest('/process-definition/key/support-follow-up'));
  await page.goto(`${base}/camunda/app/cockpit/default/#/process-definition/${definition.id}/runtime`);
  await page.getByText('Support follow-up callback').first().waitFor();
  await sleep(2000);
  await shot('cockpit-definition');
  await page.goto(`${base}/camunda/app/cockpit/default/#/process-instance/${booked.id}/runtime?tab=variables-tab`);
  await page.getByText(callbackId).first().waitFor({ timeout: 30000 });
  await shot('cockpit-instance-variables');

  // the plugin's "Talkdesk callback" tab: the live status from the sandbox, then a reschedule through the model
  await page.goto(`${base}/camunda/app/cockpit/default/#/process-instance/${booked.id}/runtime?tab=talkdesk-callback-tab`);
  await page.getByText('Talkdesk callback', { exact: true }).first().click();
  const liveStatus = page.locator('[data-testid="tdcb-live-status"]');
  await liveStatus.waitFor();
  if ((await liveStatus.textContent()).trim() !== 'UNATTEMPTED') {
    throw new Error(`the tab shows Talkdesk's status as ${await liveStatus.textContent()}, not UNATTEMPTED`);
  }
  const newLocal = `${new Date(Date.now() + 2 * 24 * 3600 * 1000).toISOString().slice(0, 10)}T11:30`;
  await page.fill('[data-testid="tdcb-reschedule-time"]', newLocal);
  await page.fill('[data-testid="tdcb-reschedule-zone"]', 'Europe/Lisbon');
  await page.click('[data-testid="tdcb-reschedule"]');
  const notice = page.locator('[data-testid="tdcb-notice"]');
  await notice.waitFor();
  if (!(await notice.textContent()).startsWith('reschedule requested')) {
    throw new Error(`the reschedule was not accepted: ${await notice.textContent()}`);
  }
  const shownLocal = `${newLocal.replace('T', ' ')} Europe/Lisbon`;
  const liveLocal = page.locator('[data-testid="tdcb-scheduled-local-live"]');
  await until('the new time in the tab', async () => (await liveLocal.textContent()).includes(shownLocal), 90);
  const liveUtc = (await page.locator('[data-testid="tdcb-scheduled-utc-live"]').textContent()).trim();
  const sandboxAnswer = await fetch(`${base}/talkdesk-sandbox/admin/callbacks`, { headers: { Authorization: auth } });
  const inSandbox = (await sandboxAnswer.json()).find((c) => c.callback_id === callbackId);
  const sandboxUtc = `${inSandbox.scheduled_time_to_call.slice(0, 16).replace('T', ' ')} UTC`;
  if (sandboxUtc !== liveUtc) throw new Error(`the sandbox holds ${sandboxUtc}, the tab shows ${liveUtc}`);
  if ((await variable(booked.id, 'callbackStatus')) !== 'UPDATED') throw new Error('E2E-1 is not UPDATED');
  console.log(`E2E-1 rescheduled from Cockpit to ${shownLocal} (${liveUtc}), as the sandbox holds it`);
  // for the picture, a smaller diagram and a taller tab pane (Cockpit's own split, set as dragging it would)
  await page.evaluate(() => {
    document.querySelector('.ctn-content-top').style.height = '230px';
    document.querySelector('.ctn-content-bottom').style.top = '230px';
    document.querySelectorAll('.ctn-tabbed-content').forEach((pane) => { pane.scrollTop = 0; });
  });
  await sleep(1000);
  await shot('cockpit-talkdesk-tab');
  await page.screenshot({ path: resolve('docs/cockpit-tab.png') });
  console.log('e2e passed');
} catch (e) {
  console.error(`e2e FAILED: ${e.stack || e}`);
  if (page) await shot('failure').catch(() => {});
  writeFileSync(join(shots, 'app.log'), appLog);
  process.exitCode = 1;
} finally {
  if (browser) await browser.close();
  app.kill('SIGTERM');
}
