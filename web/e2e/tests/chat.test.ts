import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { accessibilityViolations, launch, person, resetLinkFor, screenshot, type Person } from './support.ts';

const run = Date.now().toString(36);
const XSS = '<img src=x onerror=alert(1)>';
const PICTURE_HOST = 'pictures.example.org';
let browser: Browser;
let ada: Person;
let bob: Person;
let cat: Person;

const waitLong = { timeout: 30_000, interval: 100 };

beforeAll(async () => {
  browser = await launch();
  ada = await person(browser, 'Ada', run);
  bob = await person(browser, 'Bob', run);
  cat = await person(browser, 'Cat', run);
});

afterAll(async () => {
  await browser?.close();
});

function message(page: Page, text: string) {
  return page.locator('article.msg').filter({ has: page.locator('p.text', { hasText: text }) });
}

async function send(page: Page, text: string) {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
}

async function expectAccessible(page: Page, screen: string) {
  expect(await accessibilityViolations(page), `axe on ${screen}`).toEqual([]);
}

async function openChat(page: Page, name: string) {
  await page.locator('.inbox a').filter({ has: page.locator('.inbox-name', { hasText: new RegExp(`^${name}$`) }) }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** Parley's REST API as `who`, for filling a conversation faster than typing. */
async function signedIn(who: Person) {
  const url = process.env.PARLEY_URL!;
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: who.email, password: who.password }),
  });
  expect(login.status).toBe(200);
  const { accessToken } = (await login.json()) as { accessToken: string };
  return {
    async post<T>(path: string, body: unknown): Promise<T> {
      const response = await fetch(`${url}${path}`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` }, body: JSON.stringify(body),
      });
      expect(response.status, path).toBeLessThan(300);
      return (await response.json()) as T;
    },
  };
}

async function pickPerson(page: Page, label: string, who: Person, action: string) {
  await page.getByLabel(label).fill(who.email);
  await page.getByRole('button', { name: `${action} ${who.name}` }).click();
}

describe.sequential('Parley in the browser: three people', () => {
  it('signs up three people', async () => {
    for (const p of [ada, bob, cat]) {
      await p.page.goto('/');
      await p.page.getByRole('link', { name: 'Create an account' }).click();
      await p.page.getByLabel('Display name').fill(p.name);
      await p.page.getByLabel('Email').fill(p.email);
      await p.page.getByLabel('Password (8 to 128 characters)').fill(p.password);
      if (p === ada) {
        await screenshot(p.page, '01-sign-up');
        await expectAccessible(p.page, 'sign up');
      }
      await p.page.getByRole('button', { name: 'Sign up' }).click();
      await p.page.getByRole('heading', { name: `Welcome, ${p.name}` }).waitFor();
      await p.page.locator('.connection[data-state="online"]').waitFor();
    }
    await expectAccessible(ada.page, 'home');
  });

  it('creates a group that the others see appear live', async () => {
    await ada.page.getByRole('button', { name: 'New group' }).click();
    await ada.page.getByLabel('Group name').fill('Plans');
    await pickPerson(ada.page, 'Add people', bob, 'Add');
    await pickPerson(ada.page, 'Add people', cat, 'Add');
    await ada.page.getByRole('list', { name: 'People in the new group' }).getByText('Cat').waitFor();
    await screenshot(ada.page, '02-new-group');
    await expectAccessible(ada.page, 'new group dialog');
    await ada.page.getByRole('button', { name: 'Create group' }).click();
    await ada.page.getByRole('heading', { level: 1, name: 'Plans' }).waitFor();

    await openChat(bob.page, 'Plans');
    await openChat(cat.page, 'Plans');
    await ada.page.getByText('3 members, 2 online').waitFor();
  });

  it('exchanges messages live both ways, with typing and read receipts', async () => {
    await send(ada.page, 'Hello from Ada');
    await message(bob.page, 'Hello from Ada').waitFor();
    await message(cat.page, 'Hello from Ada').waitFor();

    await bob.page.getByRole('textbox', { name: 'Message' }).pressSequentially('Hi Ad');
    await ada.page.getByText('Bob is typing…').waitFor();
    await bob.page.getByRole('textbox', { name: 'Message' }).pressSequentially('a');
    await bob.page.getByRole('textbox', { name: 'Message' }).press('Enter');
    await message(ada.page, 'Hi Ada').waitFor();
    await ada.page.getByText('Bob is typing…').waitFor({ state: 'hidden' });

    await send(ada.page, 'Shall we meet on Friday?');
    await message(ada.page, 'Shall we meet on Friday?').locator('.seen', { hasText: 'Seen by Bob, Cat' }).waitFor();
    await expectAccessible(ada.page, 'conversation');
  });

  it('opens a conversation, writes and replies with the keyboard alone', async () => {
    const page = cat.page;
    await page.getByRole('link', { name: 'Chats' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Welcome, Cat' }).waitFor();
    // Enter on a conversation lands in its message box, not behind every message's buttons.
    await page.locator('.inbox a').filter({ has: page.locator('.inbox-name', { hasText: /^Plans$/ }) }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Plans' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'message-input');
    await page.keyboard.type('Typed without a mouse');
    await page.keyboard.press('Enter');
    await message(ada.page, 'Typed without a mouse').waitFor();

    // So does Reply.
    await message(page, 'Hi Ada').getByRole('button', { name: 'Reply' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'message-input');
    await page.keyboard.type('Replied without a mouse');
    await page.keyboard.press('Enter');
    await message(ada.page, 'Replied without a mouse').getByText('Reply to Bob: Hi Ada').waitFor();
  });

  it('edits with history, reacts, replies, mentions and deletes', async () => {
    await message(ada.page, 'Hello from Ada').hover();
    await message(ada.page, 'Hello from Ada').getByRole('button', { name: 'Edit' }).click();
    await ada.page.getByLabel('Edit message').fill('Hello everyone');
    await ada.page.getByRole('button', { name: 'Save' }).click();
    const edited = message(bob.page, 'Hello everyone');
    await edited.getByRole('button', { name: '(edited)' }).click();
    const history = bob.page.getByRole('dialog', { name: 'Edit history' });
    await history.getByText('Hello from Ada').waitFor();
    await history.getByText('Hello everyone').waitFor();
    await screenshot(bob.page, '04-edit-history');
    await expectAccessible(bob.page, 'edit history');
    await history.getByRole('button', { name: 'Close' }).click();

    await edited.getByRole('button', { name: 'React', exact: true }).click();
    await edited.getByRole('button', { name: 'React with 👍' }).click();
    await message(ada.page, 'Hello everyone').getByRole('button', { name: /👍 1/ }).waitFor();

    const bobs = message(cat.page, 'Hi Ada');
    await bobs.getByRole('button', { name: 'Reply' }).click();
    await send(cat.page, 'Welcome, both of you');
    await message(ada.page, 'Welcome, both of you').getByText('Reply to Bob: Hi Ada').waitFor();

    const box = ada.page.getByRole('textbox', { name: 'Message' });
    await box.pressSequentially('@Ca');
    await ada.page.getByRole('option', { name: '@Cat' }).waitFor();
    await expectAccessible(ada.page, 'mention suggestions');
    await box.press('Enter');
    await box.pressSequentially('bring the map');
    await box.press('Enter');
    await message(cat.page, 'bring the map').locator('strong.mention.me', { hasText: '@Cat' }).waitFor();

    await send(ada.page, 'oops, wrong chat');
    await message(bob.page, 'oops, wrong chat').waitFor();
    await message(ada.page, 'oops, wrong chat').getByRole('button', { name: 'Delete for everyone' }).click();
    await message(bob.page, 'oops, wrong chat').waitFor({ state: 'detached' });
    await bob.page.locator('article.msg .deleted', { hasText: 'Message deleted' }).waitFor();

    await message(cat.page, 'Shall we meet on Friday?').getByRole('button', { name: 'Delete for me' }).click();
    await message(cat.page, 'Shall we meet on Friday?').waitFor({ state: 'detached' });
    await message(bob.page, 'Shall we meet on Friday?').waitFor();
    await screenshot(ada.page, '03-conversation');
  });

  it('shows a message that looks like HTML as text, and runs nothing', async () => {
    await send(bob.page, XSS);
    const shown = message(ada.page, XSS);
    await shown.waitFor();
    expect(await shown.locator('p.text').textContent()).toBe(XSS);
    expect(await ada.page.locator('[role="log"] img').count()).toBe(0);
    for (const p of [ada, bob, cat]) expect(p.incidents, p.name).toEqual([]);
  });

  it('shows who is online in the group and in a direct chat', async () => {
    await ada.page.getByRole('button', { name: 'Group settings' }).click();
    const settings = ada.page.getByRole('dialog', { name: 'Group settings' });
    await settings.getByRole('img', { name: 'Bob is online' }).waitFor();
    await settings.getByRole('img', { name: 'Cat is online' }).waitFor();
    await settings.getByLabel('Role').first().selectOption('ADMIN');
    await settings.getByRole('img', { name: 'Bob is online' }).waitFor();
    await screenshot(ada.page, '05-group-settings');
    await expectAccessible(ada.page, 'group settings');
    await settings.getByRole('button', { name: 'Close' }).click();

    await ada.page.getByRole('button', { name: 'New chat' }).click();
    await pickPerson(ada.page, 'Find a person', bob, 'Chat with');
    await ada.page.getByRole('heading', { level: 1, name: 'Bob' }).waitFor();
    await ada.page.getByRole('img', { name: 'Bob is online' }).waitFor();
    await send(ada.page, 'Just between us');
    await bob.page.locator('.inbox a', { hasText: 'Just between us' }).locator('.badge', { hasText: '1 unread' }).waitFor();
    await openChat(bob.page, 'Ada');
    await message(bob.page, 'Just between us').waitFor();
  });

  it('after going offline, gets every message sent meanwhile exactly once', async () => {
    await openChat(bob.page, 'Plans');
    await openChat(ada.page, 'Plans');
    await bob.context.setOffline(true);
    await bob.page.locator('.connection[data-state="paused"]').waitFor();
    await screenshot(bob.page, '06-offline');

    for (let i = 1; i <= 20; i++) await send(ada.page, `burst ${i} of 20`);
    await message(ada.page, 'burst 20 of 20').waitFor();
    await ada.page.getByText(/unsent/).waitFor({ state: 'hidden' });
    expect(await message(bob.page, 'burst 1 of 20').count()).toBe(0);

    await bob.context.setOffline(false);
    await bob.page.locator('.connection[data-state="online"]').waitFor();
    await vi.waitFor(async () => {
      const texts = await bob.page.locator('article.msg p.text').allTextContents();
      const bursts = texts.filter((t) => /^burst \d+ of 20$/.test(t));
      expect(bursts).toEqual(Array.from({ length: 20 }, (_, i) => `burst ${i + 1} of 20`));
    }, waitLong);
    const seqs = await bob.page.locator('article.msg').evaluateAll((nodes) => nodes.map((n) => (n as HTMLElement).dataset.seq));
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('opens a long conversation at its newest page, keeps a small DOM, and pages upwards to the first message', async () => {
    const api = await signedIn(ada);
    const { conversationId } = await api.post<{ conversationId: string }>('/api/v1/conversations/groups', { name: 'Archive', memberIds: [] });
    for (let i = 1; i <= 300; i++) {
      await api.post(`/api/v1/conversations/${conversationId}/messages`, { clientMessageId: `archive-${run}-${i}`, text: `archived ${i}` });
    }
    await openChat(ada.page, 'Archive');
    await message(ada.page, 'archived 300').waitFor();
    const rendered = () => ada.page.locator('article.msg').count();
    expect(await rendered()).toBeLessThan(60);
    expect(await message(ada.page, 'archived 200').count()).toBe(0);

    const log = ada.page.getByRole('log', { name: 'Messages' });
    await vi.waitFor(async () => {
      await log.evaluate((element) => element.scrollTo({ top: 0 }));
      expect(await ada.page.locator('article.msg p.text').filter({ hasText: /^archived 1$/ }).count()).toBe(1);
    }, { timeout: 60_000, interval: 250 });
    expect(await rendered()).toBeLessThan(60);
    expect(await message(ada.page, 'archived 300').count()).toBe(0);
  });

  it('renames a group, removes a member, and lets one leave, live for everyone', async () => {
    await ada.page.getByRole('button', { name: 'New group' }).click();
    await ada.page.getByLabel('Group name').fill('Trio');
    await pickPerson(ada.page, 'Add people', bob, 'Add');
    await pickPerson(ada.page, 'Add people', cat, 'Add');
    await ada.page.getByRole('button', { name: 'Create group' }).click();
    await ada.page.getByRole('heading', { level: 1, name: 'Trio' }).waitFor();
    await openChat(bob.page, 'Trio');

    await ada.page.getByRole('button', { name: 'Group settings' }).click();
    const settings = ada.page.getByRole('dialog', { name: 'Group settings' });
    await settings.getByLabel('Name').fill('Trio, renamed');
    await settings.getByRole('button', { name: 'Save' }).click();
    await bob.page.getByRole('heading', { level: 1, name: 'Trio, renamed' }).waitFor();
    await cat.page.locator('.inbox-name', { hasText: /^Trio, renamed$/ }).waitFor();

    await settings.getByRole('button', { name: 'Remove Cat' }).click();
    await settings.getByRole('button', { name: 'Remove Cat' }).waitFor({ state: 'detached' });
    await cat.page.locator('.inbox-name', { hasText: /^Trio, renamed$/ }).waitFor({ state: 'detached' });
    await pickPerson(ada.page, 'Add a member', cat, 'Add');
    await settings.getByRole('button', { name: 'Remove Cat' }).waitFor();
    await cat.page.locator('.inbox-name', { hasText: /^Trio, renamed$/ }).waitFor();
    await settings.getByRole('button', { name: 'Close' }).click();

    await bob.page.getByRole('button', { name: 'Group settings' }).click();
    await bob.page.getByRole('dialog', { name: 'Group settings' }).getByRole('button', { name: 'Leave group' }).click();
    await bob.page.getByRole('heading', { name: 'Welcome, Bob' }).waitFor();
    await ada.page.getByText('2 members, 1 online').waitFor();
  });

  it('manages contacts, searches and changes settings', async () => {
    await ada.page.getByRole('link', { name: 'Contacts' }).click();
    await pickPerson(ada.page, 'Find people to add', cat, 'Add contact');
    await ada.page.getByText('Request sent to Cat.').waitFor();
    await cat.page.getByRole('link', { name: 'Contacts' }).click();
    await cat.page.getByText('Ada wants to be your contact').waitFor();
    await cat.page.getByRole('button', { name: 'Accept' }).click();
    await cat.page.getByRole('button', { name: 'Message Ada' }).waitFor();
    // Nothing pushes an accepted request to the requester: the screen reads the list whenever it opens.
    await ada.page.getByRole('link', { name: 'Chats' }).click();
    await ada.page.getByRole('link', { name: 'Contacts' }).click();
    await ada.page.getByRole('img', { name: 'Cat is online' }).waitFor();
    await screenshot(ada.page, '07-contacts');
    await expectAccessible(ada.page, 'contacts');

    await ada.page.getByRole('link', { name: 'Search' }).click();
    await ada.page.getByLabel('Words to find').fill('burst 7');
    await ada.page.getByRole('button', { name: 'Search' }).click();
    await ada.page.getByText('burst 7 of 20').waitFor();
    await screenshot(ada.page, '08-search');
    await expectAccessible(ada.page, 'search');

    // A picture link is stored for other apps; this one loads no picture from another site (nor may it: CSP).
    const pictureRequests: string[] = [];
    for (const p of [ada, bob]) {
      p.page.on('request', (request) => {
        if (new URL(request.url()).hostname === PICTURE_HOST) pictureRequests.push(`${p.name}: ${request.url()}`);
      });
    }
    await ada.page.getByRole('link', { name: 'Settings' }).click();
    await ada.page.getByLabel('About you').fill('Counting engines');
    await ada.page.getByLabel('Picture (a link, for apps that show one)').fill(`https://${PICTURE_HOST}/ada.png`);
    await ada.page.getByRole('button', { name: 'Save profile' }).click();
    await ada.page.getByText('Saved.').first().waitFor();
    await ada.page.getByRole('link', { name: 'Chats' }).click();
    await ada.page.getByRole('link', { name: 'Settings' }).click();
    expect(await ada.page.getByLabel('Picture (a link, for apps that show one)').inputValue()).toBe(`https://${PICTURE_HOST}/ada.png`);
    await openChat(bob.page, 'Ada');
    await bob.page.getByRole('img', { name: 'Ada is online' }).waitFor();
    expect(await bob.page.locator(`img[src*="${PICTURE_HOST}"]`).count()).toBe(0);
    expect(pictureRequests).toEqual([]);
    await ada.page.getByLabel('Push notifications to my devices').uncheck();
    await ada.page.getByRole('button', { name: 'Save preferences' }).click();
    await ada.page.getByRole('form', { name: 'Notifications' }).getByText('Saved.').waitFor();
    await screenshot(ada.page, '09-settings');
    await expectAccessible(ada.page, 'settings');
  });

  it('resets a forgotten password through the link in the mail', async () => {
    const page = cat.page;
    await page.getByRole('link', { name: 'Settings' }).click();
    // The socket's `revoked` ends the session before the logout's own answer comes; hold that answer until Cat has
    // moved on to the forgot-password form: its late arrival must not send her back to the login screen.
    let answerLogout!: () => void;
    const held = new Promise<void>((resolve) => { answerLogout = resolve; });
    await page.route('**/api/v1/auth/logout', async (route) => {
      const response = await route.fetch();
      await held;
      await route.fulfill({ response });
    });
    const logoutAnswered = page.waitForResponse('**/api/v1/auth/logout');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByLabel('Email').fill(cat.email);
    answerLogout();
    await logoutAnswered;
    await page.unroute('**/api/v1/auth/logout');
    await expectAccessible(page, 'forgot password');
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText('a mail with a reset link is on its way').waitFor();

    // Signed out, Cat is offline: a direct chat with Cat says when Cat was last seen.
    await ada.page.getByRole('button', { name: 'New chat' }).click();
    await expectAccessible(ada.page, 'new chat dialog');
    await pickPerson(ada.page, 'Find a person', cat, 'Chat with');
    await ada.page.getByRole('heading', { level: 1, name: 'Cat' }).waitFor();
    await ada.page.getByRole('img', { name: 'Cat is offline' }).waitFor();
    await ada.page.locator('.conversation-head .subtitle', { hasText: /^last seen / }).waitFor();

    const link = await vi.waitFor(() => {
      const found = resetLinkFor(cat.email);
      if (found == null) throw new Error(`no reset mail for ${cat.email} yet`);
      return found;
    }, waitLong);
    expect(link.startsWith(process.env.PARLEY_URL!)).toBe(true);
    await page.goto(link);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await screenshot(page, '10-reset-password');
    await expectAccessible(page, 'reset password');
    await page.getByLabel('New password (8 to 128 characters)').fill('a brand new secret');
    await page.getByRole('button', { name: 'Set password' }).click();

    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await expectAccessible(page, 'log in');
    // Keyboard only: Tab into each field, Enter submits.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Tab');
    await page.keyboard.type(cat.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type('a brand new secret');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Welcome, Cat' }).waitFor();
    for (const p of [ada, bob, cat]) expect(p.incidents, p.name).toEqual([]);
  });

  it('changes a password, and deletes an account for good', async () => {
    await bob.page.getByRole('link', { name: 'Settings' }).click();
    await bob.page.getByLabel('Current password').fill(bob.password);
    await bob.page.getByLabel('New password (8 to 128 characters)').fill('bob has a new one');
    await bob.page.getByRole('button', { name: 'Change password' }).click();
    await bob.page.getByText('Password changed; your other sessions have ended.').waitFor();

    const page = cat.page;
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Type DELETE to delete your account and erase your personal data').fill('DELETE');
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.getByLabel('Email').fill(cat.email);
    await page.getByLabel('Password').fill('a brand new secret');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('heading', { name: 'Welcome, Cat' }).count()).toBe(0);
    for (const p of [ada, bob, cat]) expect(p.incidents, p.name).toEqual([]);
  });
});
