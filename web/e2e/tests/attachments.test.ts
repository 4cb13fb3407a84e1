import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, launch, person, screenshot, type Person } from './support.ts';

const run = `att${Date.now().toString(36)}`;
// A 2x2 PNG (red, green, blue, white).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEklEQVR4nGP4z8DAAMIM/4EAAB/uBfsL2WiLAAAAAElFTkSuQmCC', 'base64');
let browser: Browser;
let ada: Person;
let bob: Person;

beforeAll(async () => {
  browser = await launch();
  ada = await person(browser, 'Ada', run);
  bob = await person(browser, 'Bob', run);
});

afterAll(async () => {
  await browser?.close();
});

async function signUp(p: Person) {
  await p.page.goto('/');
  await p.page.getByRole('link', { name: 'Create an account' }).click();
  await p.page.getByLabel('Display name').fill(p.name);
  await p.page.getByLabel('Email').fill(p.email);
  await p.page.getByLabel('Password (8 to 128 characters)').fill(p.password);
  await p.page.getByRole('button', { name: 'Sign up' }).click();
  await p.page.getByRole('heading', { name: `Welcome, ${p.name}` }).waitFor();
  await p.page.locator('.connection[data-state="online"]').waitFor();
}

/** Fires a paste (or a drop on the composer) of a file, as the browser does for a screenshot or a dragged file. */
async function hand(page: Page, how: 'paste' | 'drop', name: string, type: string, base64: string) {
  await page.evaluate(({ how, name, type, base64 }) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], name, { type }));
    if (how === 'paste') {
      document.getElementById('message-input')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    } else {
      const composer = document.querySelector('form.composer')!;
      composer.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      composer.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }
  }, { how, name, type, base64 });
}

async function sendWhenAttached(page: Page, count: number, text = '') {
  const pending = page.getByRole('list', { name: 'Attachments to send' });
  await expect.poll(() => pending.locator('li.ready').count(), { timeout: 30_000 }).toBe(count);
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
  await pending.waitFor({ state: 'detached' });
}

describe.sequential('Parley in the browser: attachments', () => {
  it('sends photos and files by the button, by paste and by drag and drop; the other side sees previews and chips', async () => {
    for (const p of [ada, bob]) await signUp(p);
    await ada.page.getByRole('button', { name: 'New group' }).click();
    await ada.page.getByLabel('Group name').fill('Pictures');
    await ada.page.getByLabel('Add people').fill(bob.email);
    await ada.page.getByRole('button', { name: `Add ${bob.name}` }).click();
    await ada.page.getByRole('button', { name: 'Create group' }).click();
    await ada.page.getByRole('heading', { level: 1, name: 'Pictures' }).waitFor();
    await bob.page.locator('.inbox a').filter({ has: bob.page.locator('.inbox-name', { hasText: /^Pictures$/ }) }).click();
    await bob.page.getByRole('heading', { level: 1, name: 'Pictures' }).waitFor();

    // The button: a photo and a text file, with a caption.
    await ada.page.locator('#attach-input').setInputFiles([
      { name: 'pixels.png', mimeType: 'image/png', buffer: PNG },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('bring the map\n') },
    ]);
    await expect.poll(() => accessibilityViolations(ada.page)).toEqual([]);
    await sendWhenAttached(ada.page, 2, 'Our trip');
    const captioned = bob.page.locator('article.msg').filter({ has: bob.page.locator('p.text', { hasText: 'Our trip' }) });
    const preview = captioned.getByRole('img', { name: 'pixels.png' });
    await preview.waitFor({ timeout: 30_000 });
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2);
    await captioned.getByRole('button', { name: /Download notes\.txt, 14 B/ }).waitFor();

    // Paste: a screenshot straight into the message box, sent without text.
    await hand(bob.page, 'paste', 'screenshot.png', 'image/png', PNG.toString('base64'));
    await sendWhenAttached(bob.page, 1);
    await ada.page.getByRole('img', { name: 'screenshot.png' }).waitFor({ timeout: 30_000 });

    // Drag and drop onto the composer.
    await hand(ada.page, 'drop', 'agenda.txt', 'text/plain', Buffer.from('day 1: museum\n').toString('base64'));
    await sendWhenAttached(ada.page, 1);
    await bob.page.getByRole('button', { name: /Download agenda\.txt/ }).waitFor({ timeout: 30_000 });

    // The inbox says what a message of attachments only is.
    await ada.page.locator('.inbox').getByText(/📎 agenda\.txt/).waitFor({ timeout: 30_000 });

    await screenshot(bob.page, '10-attachments');
    expect(await accessibilityViolations(bob.page)).toEqual([]);
    for (const p of [ada, bob]) expect(p.incidents, p.name).toEqual([]);
  });
});
