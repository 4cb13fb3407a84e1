// @ts-check
// ./parley bench web-open: does a conversation of 10,000 messages open in the web app as fast as one of 10?
// Against a running Parley (its gateway, which serves the app): fills one group per size over REST, then opens each
// in headless Chromium (playwright-core driving the system's browser) again and again, two ways:
//   page-load  a fresh browser context (no cache) of a signed-in reader loads the app at #/c/<id>: navigation start
//              to the newest message on screen in the message list;
//   click      in one signed-in page, a click on the conversation in the inbox (from the home screen): the click
//              event to the newest message on screen.
// Each open also counts the page's DOM elements and the message rows rendered once the page has settled.
// Writes web-open-<time>.json and .txt (the table it prints) under --out-dir.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const USAGE = `Usage: ./parley bench web-open [--option value ...]   (against a running ./parley up, through its gateway)
  --url http://127.0.0.1:8080   the gateway (./parley passes the one of the stack of PARLEY_DATA_DIR)
  --sizes 10,10000              one group per size, filled with that many messages
  --opens 20                    measured opens per size and way
  --warmup 1                    rounds before those, not counted
  --modes page-load,click       page-load: a fresh browser context loads #/c/<id>, navigation start to the newest
                                message on screen; click: a click in the inbox to the newest message on screen
  --senders 2                   accounts that write in turn (the reader is one); each sends its share of all sizes:
                                start the stack with PARLEY_RATELIMITS_WRITESPERUSER_CAPACITY=10000000, or the fill
                                waits out 429s (600 writes a minute per user by default)
  --concurrency 16              sends in flight while filling
  --timeout 60s                 per open, until the newest message is on screen
  --chromium /usr/bin/chromium  (or PARLEY_CHROMIUM)
  --out-dir web/e2e/target/bench`;

const DEFAULTS = {
  url: 'http://127.0.0.1:8080', sizes: '10,10000', opens: '20', warmup: '1', modes: 'page-load,click', senders: '2',
  concurrency: '16', timeout: '60s', chromium: process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium',
  'out-dir': fileURLToPath(new URL('../target/bench/', import.meta.url)),
};
const MODES = ['page-load', 'click'];
const VIEWPORT = { width: 1280, height: 900 };
/** Where the app keeps the refresh token (web/app/src/session.ts): a reader's tab is signed in through it. */
const REFRESH_KEY = 'parley.refreshToken';
/** The page has settled once nothing in the DOM changed for this long after the newest message showed. */
const SETTLE_MS = 500;
const PASSWORD = 'web-open bench password';

/**
 * @param {string} text
 * @returns {never}
 */
function fail(text) {
  console.error(`bench web-open: ${text}`);
  process.exit(1);
}

/** @param {string} text */
function say(text) {
  console.error(`[web-open] ${text}`);
}

/** @param {string[]} args */
function parseOptions(args) {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    process.exit(0);
  }
  /** @type {Record<string, string>} */
  const given = {};
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i] ?? '';
    if (!name.startsWith('--') || i + 1 >= args.length || !(name.slice(2) in DEFAULTS)) {
      console.error(USAGE);
      process.exit(2);
    }
    given[name.slice(2)] = args[i + 1] ?? '';
  }
  const options = { ...DEFAULTS, ...given };
  const whole = (/** @type {string} */ name, /** @type {string} */ value) => {
    const n = Number(value.replaceAll('_', ''));
    if (!Number.isSafeInteger(n) || n < 0) fail(`--${name} must be a whole number, not ${value}`);
    return n;
  };
  const sizes = options.sizes.split(',').map((s) => whole('sizes', s.trim()));
  if (sizes.length === 0 || sizes.some((s) => s < 1)) fail('--sizes needs at least one size of 1 or more');
  const modes = options.modes.split(',').map((m) => m.trim());
  for (const mode of modes) if (!MODES.includes(mode)) fail(`--modes: ${mode} is not one of ${MODES.join(', ')}`);
  const timeout = /^(\d+)(ms|s|m)?$/.exec(options.timeout.trim());
  if (timeout == null) fail(`--timeout: not a duration: ${options.timeout} (e.g. 60s)`);
  const timeoutMs = Number(timeout[1]) * ({ ms: 1, s: 1000, m: 60_000 }[timeout[2] ?? 's'] ?? 1000);
  return {
    given, url: options.url.replace(/\/+$/, ''), sizes, modes, timeoutMs, chromium: options.chromium,
    opens: Math.max(1, whole('opens', options.opens)), warmup: whole('warmup', options.warmup),
    senders: Math.max(1, whole('senders', options.senders)), concurrency: Math.max(1, whole('concurrency', options.concurrency)),
    outDir: resolve(options['out-dir']),
  };
}

// ---- Parley over REST --------------------------------------------------------------------------------------------

/**
 * @typedef {{ email: string, displayName: string, userId: string, accessToken: string }} Account
 * @typedef {{ status: number, body: any }} Answer
 */

class Api {
  /** @param {string} url */
  constructor(url) {
    this.url = url;
    /** The highest X-Position of the writes so far: a read with it as X-Min-Position sees them all. */
    this.position = 0;
    this.retries = 0;
    this.rateLimited = false;
  }

  /**
   * One call; 429 and 503 wait for their Retry-After and go again (a send with the same clientMessageId is answered
   * once), as does a call that got no answer; a 401 logs the account in again (a long fill outlives its token).
   * @param {string} method
   * @param {string} path
   * @param {{ account?: Account, body?: unknown, minPosition?: number, expect?: number[], attempts?: number }} [how]
   * @returns {Promise<Answer>}
   */
  async call(method, path, how = {}) {
    const attempts = how.attempts ?? 8;
    for (let attempt = 1; ; attempt++) {
      /** @type {Record<string, string>} */
      const headers = {};
      if (how.account != null) headers.Authorization = `Bearer ${how.account.accessToken}`;
      if (how.body !== undefined) headers['Content-Type'] = 'application/json';
      if (how.minPosition != null && how.minPosition > 0) headers['X-Min-Position'] = String(how.minPosition);
      let response;
      try {
        response = await fetch(`${this.url}${path}`, { method, headers, body: how.body === undefined ? undefined : JSON.stringify(how.body) });
      } catch (error) {
        if (attempt >= attempts) throw new Error(`${method} ${path}: no answer (${error instanceof Error ? error.message : error})`);
        this.retries++;
        await sleep(Math.min(30_000, 250 * 2 ** attempt));
        continue;
      }
      const text = await response.text();
      const body = parsed(text);
      const position = Number(response.headers.get('X-Position') ?? 0);
      if (position > this.position) this.position = position;
      if ((response.status === 429 || response.status === 503) && attempt < attempts) {
        if (response.status === 429 && !this.rateLimited) {
          this.rateLimited = true;
          say('rate limited (429): waiting out Retry-After; a stack started with PARLEY_RATELIMITS_WRITESPERUSER_CAPACITY=10000000 fills faster');
        }
        this.retries++;
        await sleep(Math.min(30, Number(response.headers.get('Retry-After') ?? 1)) * 1000);
        continue;
      }
      if (response.status === 401 && how.account != null && attempt < attempts) {
        await this.logIn(how.account);
        continue;
      }
      if (!(how.expect ?? [200, 201, 204]).includes(response.status)) {
        throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
      }
      return { status: response.status, body };
    }
  }

  /**
   * @param {string} email
   * @param {string} displayName
   * @returns {Promise<Account>}
   */
  async register(email, displayName) {
    await this.call('POST', '/api/v1/auth/register', { body: { email, password: PASSWORD, displayName }, expect: [201] });
    const account = { email, displayName, userId: '', accessToken: '' };
    await this.logIn(account);
    return account;
  }

  /**
   * @param {Account} account
   * @returns {Promise<string>} a refresh token of a new session
   */
  async logIn(account) {
    const { body } = await this.call('POST', '/api/v1/auth/login', { body: { email: account.email, password: PASSWORD }, expect: [200] });
    account.userId = body.userId;
    account.accessToken = body.accessToken;
    return body.refreshToken;
  }
}

/** @param {string} text */
function parsed(text) {
  try {
    return text === '' ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

/** @param {number} ms */
function sleep(ms) {
  return new Promise((done) => setTimeout(done, ms));
}

/** Every size's messages, in order, `concurrency` in flight; the senders take turns. */
async function fill(/** @type {Api} */ api, /** @type {Account[]} */ senders, /** @type {string} */ conversationId,
  /** @type {number} */ size, /** @type {number} */ concurrency, /** @type {string} */ run) {
  let next = 0;
  let done = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < size) {
      const i = ++next;
      const account = senders[i % senders.length];
      await api.call('POST', `/api/v1/conversations/${conversationId}/messages`, {
        account, body: { clientMessageId: `${run}-${size}-${i}`, text: textOf(i, size) }, expect: [200, 201],
      });
      if (++done % 1000 === 0) say(`  ${done.toLocaleString('en')} of ${size.toLocaleString('en')} sent`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, size) }, worker));
  return (performance.now() - started) / 1000;
}

/** Chat-like text: mostly a line, every fifth message a few (rows of different heights, as in a real history). */
function textOf(/** @type {number} */ i, /** @type {number} */ size) {
  const line = `Message ${i} of ${size}`;
  return i % 5 === 0
    ? `${line}: a longer one, as people write when they explain something, so that it wraps onto a second and sometimes a third line in the list, which then has rows of different heights to measure.`
    : line;
}

// ---- in the page -------------------------------------------------------------------------------------------------

/**
 * Runs in the page (serialised by Playwright: nothing from outside this function). Watches for the message to be
 * wholly inside the visible part of the message list, from navigation start (`fromClick` false) or from the next
 * click event; then waits until the DOM has not changed for `settleMs` (at most ten times that) and counts what it
 * holds. The result is a promise at `window.__parleyBench`.
 * @param {{ messageId: string, fromClick: boolean, settleMs: number, timeoutMs: number }} watch
 */
function watchOpen(watch) {
  // As an init script it runs in every document of the context, the first about:blank too.
  if (!location.protocol.startsWith('http')) return;
  /** @type {number | null} */
  let start = watch.fromClick ? null : 0;
  /** @type {number | null} */
  let visibleAt = null;
  let changedAt = performance.now();
  const selector = `article.msg[data-message-id="${CSS.escape(watch.messageId)}"]`;
  const check = () => {
    if (visibleAt != null || start == null) return;
    const row = document.querySelector(selector);
    const list = row?.closest('.vlist');
    if (row == null || list == null) return;
    const r = row.getBoundingClientRect();
    const l = list.getBoundingClientRect();
    if (r.height > 0 && r.top >= l.top - 1 && r.bottom <= l.bottom + 1) visibleAt = performance.now();
  };
  /** @type {any} */ (window).__parleyBench = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      changedAt = performance.now();
      check();
    });
    observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
    document.addEventListener('scroll', check, true);
    if (watch.fromClick) document.addEventListener('click', (event) => (start = event.timeStamp), { capture: true, once: true });
    const deadline = performance.now() + watch.timeoutMs;
    const frame = () => {
      check();
      const now = performance.now();
      // Something that keeps changing (a clock) must not hold the count back for long.
      const settled = visibleAt != null
        && (now - Math.max(changedAt, visibleAt) >= watch.settleMs || now - visibleAt >= 10 * watch.settleMs);
      if (!settled && now < deadline) {
        requestAnimationFrame(frame);
        return;
      }
      observer.disconnect();
      document.removeEventListener('scroll', check, true);
      resolve({
        visibleMs: visibleAt == null || start == null ? null : visibleAt - start,
        domElements: document.getElementsByTagName('*').length,
        renderedRows: document.querySelectorAll('.vlist article.msg').length,
      });
    };
    requestAnimationFrame(frame);
  });
}

/**
 * Runs in the page at document start: the tab holds the reader's session, as a signed-in tab does after a reload.
 * @param {{ key: string, token: string }} session
 */
function holdSession(session) {
  if (location.protocol.startsWith('http')) sessionStorage.setItem(session.key, session.token);
}

/** @typedef {{ visibleMs: number | null, domElements: number, renderedRows: number }} Open */

/**
 * What must not happen while measuring (it would say the app is broken, not slow): errors, CSP refusals.
 * @param {import('playwright-core').Page} page
 * @param {string[]} incidents
 */
function record(page, incidents) {
  page.on('pageerror', (error) => incidents.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/.test(message.text())) incidents.push(`console: ${message.text()}`);
  });
}

/**
 * @param {import('playwright-core').Page} page
 * @param {string} what
 * @returns {Promise<Open>}
 */
async function outcome(page, what) {
  /** @type {Open} */
  const open = await page.evaluate(() => /** @type {any} */ (window).__parleyBench);
  if (open.visibleMs == null) throw new Error(`${what}: the newest message was not on screen in time`);
  return open;
}

// ---- the run -----------------------------------------------------------------------------------------------------

/**
 * Nearest-rank percentiles, rounded to 0.1.
 * @param {number[]} values
 */
function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (/** @type {number} */ p) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  const round = (/** @type {number} */ v) => Math.round(v * 10) / 10;
  return { samples: sorted.length, min: round(sorted[0] ?? 0), p50: round(at(50)), p90: round(at(90)), max: round(sorted.at(-1) ?? 0) };
}

/** @param {number} n */
function count(n) {
  return n.toLocaleString('en');
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const loadBefore = loadavg();
  const run = Date.now().toString(36);
  const api = new Api(options.url);

  const front = await fetch(`${options.url}/`).catch(() => null);
  if (front == null) fail(`nothing answers at ${options.url}: start Parley (./parley up) or pass --url`);
  if (!front.ok || !(front.headers.get('Content-Type') ?? '').includes('text/html')) {
    fail(`${options.url}/ answered ${front.status} without the web app: is the app built (./parley up builds it with Node.js)?`);
  }

  say(`setting up: ${options.senders} account(s), one group per size (${options.sizes.map(count).join(', ')} messages)`);
  const reader = await api.register(`bench-web-${run}-reader@parley.local`, 'Reader');
  const others = [];
  for (let i = 1; i < options.senders; i++) others.push(await api.register(`bench-web-${run}-${i}@parley.local`, `Writer ${i}`));
  const senders = [reader, ...others];
  /** @type {{ size: number, conversationId: string, newest: { messageId: string, seq: number }, fillSeconds: number, messagesPerSecond: number }[]} */
  const conversations = [];
  for (const size of options.sizes) {
    const { body } = await api.call('POST', '/api/v1/conversations/groups', {
      account: reader, body: { name: `${count(size)} messages`, memberIds: others.map((o) => o.userId) }, expect: [201],
    });
    say(`filling "${count(size)} messages" (${options.concurrency} in flight)`);
    const fillSeconds = await fill(api, senders, body.conversationId, size, options.concurrency, run);
    conversations.push({ size, conversationId: body.conversationId, newest: { messageId: '', seq: 0 }, fillSeconds, messagesPerSecond: Math.round((size / fillSeconds) * 10) / 10 });
    say(`  ${count(size)} messages in ${fillSeconds.toFixed(1)} s (${(size / fillSeconds).toFixed(0)} msg/s)`);
  }

  // Measure once the read models hold every message (query-api answers 503 while it catches up): a stack still
  // projecting the fill would slow the opens and say nothing about them.
  say('waiting for the read models to catch up');
  const catchUpStarted = performance.now();
  for (const conversation of conversations) {
    const { body } = await api.call('GET', `/api/v1/conversations/${conversation.conversationId}/messages?limit=1`, {
      account: reader, minPosition: api.position, attempts: 400,
    });
    conversation.newest = { messageId: body.items[0].messageId, seq: body.items[0].seq };
    if (conversation.newest.seq !== conversation.size) fail(`"${count(conversation.size)} messages" ends at seq ${conversation.newest.seq}`);
  }
  const catchUpSeconds = Math.round((performance.now() - catchUpStarted) / 100) / 10;

  const browser = await chromium.launch({
    executablePath: options.chromium, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'],
  }).catch((error) => fail(`cannot start Chromium at ${options.chromium} (--chromium, PARLEY_CHROMIUM): ${error.message}`));
  const chromiumVersion = browser.version();
  /** @type {string[]} */
  const incidents = [];
  /** @type {Record<string, Record<number, Open[]>>} */
  const opens = {};
  const rounds = options.warmup + options.opens;
  // Sizes alternate within a round, and their order flips from round to round: drift of a shared machine falls on
  // every size alike.
  const order = (/** @type {number} */ round) => (round % 2 === 0 ? conversations : [...conversations].reverse());
  const keep = (/** @type {string} */ mode, /** @type {number} */ size, /** @type {number} */ round, /** @type {Open} */ open) => {
    if (round < options.warmup) return;
    ((opens[mode] ??= {})[size] ??= []).push(open);
  };
  try {
    if (options.modes.includes('page-load')) {
      say(`page-load: ${rounds} rounds (${options.warmup} warm-up), a fresh browser context each open`);
      for (let round = 0; round < rounds; round++) {
        for (const conversation of order(round)) {
          const token = await api.logIn(reader);
          const context = await browser.newContext({ viewport: VIEWPORT });
          try {
            await context.addInitScript(holdSession, { key: REFRESH_KEY, token });
            await context.addInitScript(watchOpen, {
              messageId: conversation.newest.messageId, fromClick: false, settleMs: SETTLE_MS, timeoutMs: options.timeoutMs,
            });
            const page = await context.newPage();
            record(page, incidents);
            await page.goto(`${options.url}/#/c/${encodeURIComponent(conversation.conversationId)}`);
            keep('page-load', conversation.size, round, await outcome(page, `page-load of ${conversation.size}`));
          } finally {
            await context.close();
          }
        }
      }
    }
    if (options.modes.includes('click')) {
      say(`click: ${rounds} rounds (${options.warmup} warm-up) in one signed-in page, from the home screen each time`);
      const context = await browser.newContext({ viewport: VIEWPORT });
      await context.addInitScript(holdSession, { key: REFRESH_KEY, token: await api.logIn(reader) });
      const page = await context.newPage();
      record(page, incidents);
      await page.goto(`${options.url}/#/`);
      await page.locator('.connection[data-state="online"]').waitFor({ timeout: options.timeoutMs });
      const link = (/** @type {string} */ id) => page.locator(`.inbox a[href="#/c/${encodeURIComponent(id)}"]`);
      for (const conversation of conversations) await link(conversation.conversationId).waitFor({ timeout: options.timeoutMs });
      for (let round = 0; round < rounds; round++) {
        for (const conversation of order(round)) {
          await page.evaluate(watchOpen, {
            messageId: conversation.newest.messageId, fromClick: true, settleMs: SETTLE_MS, timeoutMs: options.timeoutMs,
          });
          await link(conversation.conversationId).click();
          keep('click', conversation.size, round, await outcome(page, `click on ${conversation.size}`));
          await page.locator('nav a[href="#/"]').click();
          await page.locator('.content .empty').waitFor({ timeout: options.timeoutMs });
        }
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }

  const results = options.modes.map((mode) => ({
    mode,
    sizes: conversations.map(({ size }) => {
      const samples = opens[mode]?.[size] ?? [];
      return {
        messages: size,
        visibleMs: summary(samples.map((o) => o.visibleMs ?? 0)),
        domElements: summary(samples.map((o) => o.domElements)),
        renderedRows: summary(samples.map((o) => o.renderedRows)),
      };
    }),
  }));
  const report = {
    scenario: 'web-open',
    finishedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    command: `./parley bench web-open ${process.argv.slice(2).join(' ')}`.trim(),
    options: { url: options.url, sizes: options.sizes, opens: options.opens, warmup: options.warmup, modes: options.modes,
      senders: options.senders, concurrency: options.concurrency, timeoutMs: options.timeoutMs, viewport: VIEWPORT, settleMs: SETTLE_MS },
    machine: {
      cores: cpus().length, memoryBytes: totalmem(), node: process.version, chromium: chromiumVersion,
      // The machine may be shared (other builds, tests): its load before and after the run says how much.
      loadAverageBefore: loadBefore.map((l) => l.toFixed(2)).join(' '), loadAverageAfter: loadavg().map((l) => l.toFixed(2)).join(' '),
    },
    result: {
      setup: {
        accounts: senders.length,
        fill: conversations.map((c) => ({ messages: c.size, conversationId: c.conversationId, seconds: Math.round(c.fillSeconds * 10) / 10, messagesPerSecond: c.messagesPerSecond })),
        retries: api.retries,
        readModelsCaughtUpSeconds: catchUpSeconds,
      },
      opens: results,
      incidents,
      samples: opens,
    },
  };
  const table = render(report);
  mkdirSync(options.outDir, { recursive: true });
  const name = join(options.outDir, `web-open-${Date.now()}`);
  writeFileSync(`${name}.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(`${name}.txt`, table);
  process.stdout.write(table);
  say(`report written to ${name}.json and ${name}.txt`);
  if (incidents.length > 0) fail(`${incidents.length} error(s) in the page, e.g. ${incidents[0]}`);
  process.exit(0);
}

/**
 * The short table: one line per way of opening and size.
 * @param {any} report
 */
function render(report) {
  const { result, options, machine } = report;
  const label = /** @type {Record<string, string>} */ ({ 'page-load': 'page load', click: 'click in inbox' });
  const lines = [
    `web-open: newest message on screen, ms (Chromium ${machine.chromium}, ${options.viewport.width}x${options.viewport.height}, ` +
      `${options.opens} opens per row after ${options.warmup} warm-up)`,
    `${'opened by'.padEnd(16)}${'messages'.padStart(9)}${'p50'.padStart(9)}${'p90'.padStart(9)}${'max'.padStart(9)}` +
      `${'DOM elements'.padStart(14)}${'rows'.padStart(6)}`,
  ];
  for (const { mode, sizes } of result.opens) {
    for (const s of sizes) {
      lines.push(`${(label[mode] ?? mode).padEnd(16)}${count(s.messages).padStart(9)}${s.visibleMs.p50.toFixed(1).padStart(9)}` +
        `${s.visibleMs.p90.toFixed(1).padStart(9)}${s.visibleMs.max.toFixed(1).padStart(9)}${count(s.domElements.p50).padStart(14)}` +
        `${count(s.renderedRows.p50).padStart(6)}`);
    }
  }
  const fills = result.setup.fill.map((/** @type {any} */ f) => `${count(f.messages)} in ${f.seconds} s (${f.messagesPerSecond} msg/s)`);
  lines.push(`fill: ${fills.join(', ')}; ${options.concurrency} in flight, ${result.setup.accounts} account(s), ` +
    `${result.setup.retries} retries; read models caught up ${result.setup.readModelsCaughtUpSeconds} s later`);
  lines.push(`load average ${machine.loadAverageBefore} -> ${machine.loadAverageAfter} (${machine.cores} cores)`);
  return `${lines.join('\n')}\n`;
}

await main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
