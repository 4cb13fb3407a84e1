import { readFileSync, readdirSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const baseUrl = required('PARLEY_URL');
export const mailDir = required('PARLEY_MAIL_DIR');
export const screenshotDir = new URL('../target/screenshots/', import.meta.url).pathname;
mkdirSync(screenshotDir, { recursive: true });

function required(name: string): string {
  const value = process.env[name];
  if (value == null || value === '') throw new Error(`${name} is not set: run the browser tests with ./parley test or node web/e2e/run.mjs`);
  return value;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

/** A browser context as one person, recording what must never happen: dialogs (alert), CSP violations, page errors. */
export interface Person {
  name: string;
  email: string;
  password: string;
  context: BrowserContext;
  page: Page;
  incidents: string[];
}

export async function person(browser: Browser, name: string, run: string): Promise<Person> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: baseUrl });
  const page = await context.newPage();
  const incidents: string[] = [];
  page.on('dialog', (dialog) => {
    incidents.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => incidents.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/.test(message.text())) incidents.push(`console: ${message.text()}`);
  });
  // Not failures in themselves (tests provoke refusals), but what tells a slow or refused call from a broken page
  // when a wait runs out: API calls answered with an error or after 2 s, and those that got no answer at all.
  page.on('requestfinished', async (request) => {
    if (!request.url().includes('/api/')) return;
    const response = await request.response();
    const took = request.timing().responseEnd;
    if (response != null && (response.status() >= 400 || took >= 2000)) {
      console.log(`[${name}] ${request.method()} ${new URL(request.url()).pathname} → ${response.status()} after ${Math.round(took)} ms`);
    }
  });
  page.on('requestfailed', (request) => {
    if (request.url().includes('/api/')) console.log(`[${name}] ${request.method()} ${new URL(request.url()).pathname} failed: ${request.failure()?.errorText}`);
  });
  return { name, email: `${name.toLowerCase()}-${run}@example.org`, password: `secret ${name} ${run}`, context, page, incidents };
}

/** No serious or critical axe-core violation on what the page shows now. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document);
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
}

/** The reset link in the newest password-reset mail to `email` that the embedded SMTP server wrote. */
export function resetLinkFor(email: string): string | null {
  const files = readdirSync(mailDir).filter((f) => f.endsWith('.eml') && f.toLowerCase().includes(email.toLowerCase())).sort();
  for (const file of files.reverse()) {
    const raw = readFileSync(join(mailDir, file), 'utf8');
    const decoded = /Content-Transfer-Encoding: quoted-printable/i.test(raw) ? decodeQuotedPrintable(raw) : raw;
    const link = /https?:\/\/[^\s"<>]+#\/reset-password\?token=[^\s"<>]+/.exec(decoded);
    if (link != null) return link[0];
  }
  return null;
}

function decodeQuotedPrintable(text: string): string {
  return text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
