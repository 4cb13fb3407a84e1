import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, baseUrl, launch, person, screenshot, type Person } from './support.ts';

// Two people in two browser contexts, and an administrator over REST (the stack run.mjs starts makes
// PARLEY_ADMIN_EMAIL an admin; against another Parley, set PARLEY_ADMIN_EMAIL to an address in its PARLEY_ADMIN_EMAILS,
// and PARLEY_ADMIN_PASSWORD, its password, or the one it gets when the tests register it).
const run = `${Date.now().toString(36)}m`;
const adminEmail = process.env.PARLEY_ADMIN_EMAIL ?? '';
const adminPassword = process.env.PARLEY_ADMIN_PASSWORD ?? '';
const OLD_MESSAGES = 80;
let browser: Browser;
let dee: Person;
let eli: Person;
let eliId: string;
let groupId: string;

beforeAll(async () => {
  if (adminEmail === '' || adminPassword === '') {
    throw new Error('PARLEY_ADMIN_EMAIL or PARLEY_ADMIN_PASSWORD is not set: run the browser tests with node web/e2e/run.mjs');
  }
  browser = await launch();
  dee = await person(browser, 'Dee', run);
  eli = await person(browser, 'Eli', run);
});

afterAll(async () => {
  await browser?.close();
});

async function call(method: string, path: string, token: string | null, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = {};
  if (token != null) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function register(email: string, password: string, displayName: string): Promise<void> {
  const response = await call('POST', '/api/v1/auth/register', null, { email, password, displayName });
  // The administrator may exist from an earlier run against the same Parley.
  expect([201, 409], `register ${email}`).toContain(response.status);
}

async function login(email: string, password: string): Promise<{ accessToken: string; userId: string }> {
  const response = await call('POST', '/api/v1/auth/login', null, { email, password });
  expect(response.status, `login ${email}`).toBe(200);
  return (await response.json()) as { accessToken: string; userId: string };
}

async function ok<T>(response: Promise<Response>, what: string): Promise<T> {
  const answer = await response;
  expect(answer.status, `${what}: ${answer.status} ${answer.status >= 400 ? await answer.text() : ''}`).toBeLessThan(300);
  return (answer.status === 204 ? undefined : await answer.json()) as T;
}

async function logInInBrowser(p: Person) {
  await p.page.goto('/');
  await p.page.getByLabel('Email').fill(p.email);
  await p.page.getByLabel('Password').fill(p.password);
  await p.page.getByRole('button', { name: 'Log in' }).click();
  await p.page.getByRole('heading', { name: `Welcome, ${p.name}` }).waitFor();
  await p.page.locator('.connection[data-state="online"]').waitFor();
}

/** axe-core on the screen as it is, in the light theme and in the dark one (screenshot `darkShot` of that). */
async function expectAccessibleInBothThemes(page: Page, screen: string, darkShot?: string) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await accessibilityViolations(page), `axe on ${screen} (${colorScheme})`).toEqual([]);
    if (colorScheme === 'dark' && darkShot != null) await screenshot(page, darkShot);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Whether the element is inside the visible part of the message list. */
async function inView(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((s) => {
    const element = document.querySelector(s);
    const list = document.querySelector('.vlist');
    if (element == null || list == null) return false;
    const box = element.getBoundingClientRect();
    const view = list.getBoundingClientRect();
    return box.top >= view.top && box.bottom <= view.bottom;
  }, selector);
}

describe.sequential('settings, blocking, search, and what an administrator does', () => {
  it('signs both in, with a group of many messages between them', async () => {
    for (const p of [dee, eli]) await register(p.email, p.password, p.name);
    const deeApi = await login(dee.email, dee.password);
    eliId = (await login(eli.email, eli.password)).userId;
    ({ conversationId: groupId } = await ok<{ conversationId: string }>(
      call('POST', '/api/v1/conversations/groups', deeApi.accessToken, { name: 'Archive me', memberIds: [eliId] }), 'create group'));
    for (let i = 1; i <= OLD_MESSAGES; i++) {
      const text = i === 3 ? `the quetzal${run} was here first` : `filler message ${i}`;
      await ok(call('POST', `/api/v1/conversations/${groupId}/messages`, deeApi.accessToken, { clientMessageId: `${run}-${i}`, text }), `send ${i}`);
    }
    await logInInBrowser(dee);
    await logInInBrowser(eli);
  });

  it('shows the notification preferences as stored, and keeps a change across a reload', async () => {
    const page = dee.page;
    await page.getByRole('link', { name: 'Settings' }).click();
    const email = page.getByRole('checkbox', { name: 'Email me (digest of unread messages)' });
    const push = page.getByRole('checkbox', { name: 'Push notifications to my devices' });
    await page.waitForFunction(() => document.querySelector('form[aria-labelledby="prefs-title"]')?.getAttribute('aria-busy') === 'false');
    expect([await email.isChecked(), await push.isChecked()]).toEqual([true, true]);
    await email.uncheck();
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await page.getByText('Saved.').waitFor();

    await page.reload();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await page.waitForFunction(() => document.querySelector('form[aria-labelledby="prefs-title"]')?.getAttribute('aria-busy') === 'false');
    expect([await email.isChecked(), await push.isChecked()]).toEqual([false, true]);
    await screenshot(page, '10-settings-preferences');
    await expectAccessibleInBothThemes(page, 'settings');
  });

  it('lists whom one blocks, and unblocks from that list', async () => {
    const page = dee.page;
    await page.getByRole('link', { name: 'Contacts' }).click();
    await page.getByText('You have blocked no one.').waitFor();
    await page.getByLabel('Find someone to block').fill(eli.email);
    await page.getByRole('button', { name: 'Block Eli' }).click();
    const blocked = page.getByRole('list', { name: 'Blocked' });
    await blocked.getByRole('button', { name: 'Unblock Eli' }).waitFor();
    await screenshot(page, '11-blocked-list');
    await expectAccessibleInBothThemes(page, 'contacts with a block');

    await blocked.getByRole('button', { name: 'Unblock Eli' }).click();
    await page.getByText('Eli is unblocked.').waitFor();
    await page.getByText('You have blocked no one.').waitFor();
    expect(await blocked.getByRole('listitem').count()).toBe(0);
  });

  it('opens a search hit in its conversation, scrolled to the message and highlighted', async () => {
    const page = eli.page;
    await page.getByRole('link', { name: 'Search' }).click();
    await page.getByLabel('Words to find').fill(`quetzal${run}`);
    await page.getByRole('button', { name: 'Search' }).click();
    const hit = page.getByRole('link', { name: /^Archive me, message of/ });
    await hit.waitFor();
    await expectAccessibleInBothThemes(page, 'search results');
    await hit.click();

    await page.getByRole('heading', { level: 1, name: 'Archive me' }).waitFor();
    const found = page.locator('article.msg.found');
    await found.waitFor();
    expect(await found.locator('p.text').textContent()).toBe(`the quetzal${run} was here first`);
    expect(await found.getAttribute('data-seq')).toBe('3');
    await page.waitForFunction(() => (document.activeElement as HTMLElement | null)?.dataset.seq === '3');
    expect(await inView(page, 'article.msg.found'), 'the hit is on screen').toBe(true);
    expect(await inView(page, `article.msg[data-seq="${OLD_MESSAGES}"]`), 'not scrolled to the newest').toBe(false);
    await screenshot(page, '12-search-hit-highlighted');
    await expectAccessibleInBothThemes(page, 'conversation at a search hit', '12-search-hit-highlighted-dark');
  });

  it('shows an archived conversation read-only, live', async () => {
    const page = eli.page;
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    await register(adminEmail, adminPassword, 'Moderator');
    const admin = await login(adminEmail, adminPassword);
    await ok(call('POST', `/api/v1/admin/conversations/${groupId}/archive`, admin.accessToken), 'archive');

    await page.getByText('An administrator archived this conversation').waitFor();
    expect(await page.getByRole('textbox', { name: 'Message' }).count()).toBe(0);
    const last = page.locator(`article.msg[data-seq="${OLD_MESSAGES}"]`);
    await page.locator('.vlist').evaluate((list) => { list.scrollTop = list.scrollHeight; });
    await last.waitFor();
    expect(await last.getByRole('button', { name: 'Reply' }).count()).toBe(0);
    expect(await last.getByRole('button', { name: 'React', exact: true }).count()).toBe(0);
    await last.getByRole('button', { name: 'Delete for me' }).waitFor();
    await screenshot(page, '13-archived-conversation');
    await expectAccessibleInBothThemes(page, 'archived conversation', '13-archived-conversation-dark');

    // Opened afresh it is read-only too, for the other member as well.
    await dee.page.goto(`/#/c/${groupId}`);
    await dee.page.getByText('An administrator archived this conversation').waitFor();
    expect(await dee.page.getByRole('textbox', { name: 'Message' }).count()).toBe(0);
  });

  it('signs a deactivated account out at once, and refuses its login with a clear message', async () => {
    const admin = await login(adminEmail, adminPassword);
    await ok(call('POST', `/api/v1/admin/users/${eliId}/deactivate`, admin.accessToken), 'deactivate');

    const page = eli.page;
    await page.getByRole('alert').filter({ hasText: 'an administrator deactivated your account' }).waitFor();
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    await page.getByLabel('Email').fill(eli.email);
    await page.getByLabel('Password').fill(eli.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').filter({ hasText: 'This account has been deactivated by an administrator' }).waitFor();
    await screenshot(page, '14-deactivated-login');
    await expectAccessibleInBothThemes(page, 'login refused');

    for (const p of [dee, eli]) expect(p.incidents, p.name).toEqual([]);
  });
});
