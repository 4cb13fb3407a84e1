import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ParleyClient, ParleyError, SessionEndedError, parseRetryAfter, type Tokens } from '../../src/index.js';
import { FakeParley } from '../fake-parley.js';

let fake: FakeParley;

beforeEach(async () => {
  fake = await FakeParley.start();
});

afterEach(async () => {
  await fake.stop();
});

async function loggedIn(options: { now?: () => number; sleep?: (ms: number) => Promise<void>; onTokens?: (t: Tokens | null) => void } = {}) {
  const client = new ParleyClient({ baseUrl: fake.baseUrl, ...options });
  await client.auth.register({ email: 'ada@example.org', password: 'correct horse', displayName: 'Ada' });
  await client.auth.login('ada@example.org', 'correct horse');
  return client;
}

describe('auth', () => {
  it('refreshes the access token before it expires, without a 401 first', async () => {
    let now = 1_000_000;
    const client = await loggedIn({ now: () => now });
    await client.users.me();
    now += 15 * 60_000 - 30_000; // inside the 60 s margin

    const me = await client.users.me();

    expect(me.displayName).toBe('Ada');
    expect(fake.count('POST', '/api/v1/auth/refresh')).toBe(1);
    expect(fake.requests.filter((r) => r.path === '/api/v1/users/me').map((r) => r.headers.authorization))
      .toHaveLength(2);
  });

  it('refreshes once for all requests that got a 401 at the same time, then retries each of them', async () => {
    const client = await loggedIn();
    fake.invalidateAccessTokens();

    const answers = await Promise.all([client.users.me(), client.users.me(), client.users.me()]);

    expect(answers.map((a) => a.email)).toEqual(['ada@example.org', 'ada@example.org', 'ada@example.org']);
    expect(fake.count('POST', '/api/v1/auth/refresh')).toBe(1);
  });

  it('ends the session when the refresh token is refused, and says so', async () => {
    const seen: (Tokens | null)[] = [];
    const client = await loggedIn({ onTokens: (tokens) => seen.push(tokens) });
    fake.invalidateAccessTokens();
    fake.failNext({ method: 'POST', path: '/api/v1/auth/refresh', status: 401 });

    await expect(client.users.me()).rejects.toBeInstanceOf(SessionEndedError);
    expect(seen.at(-1)).toBeNull();
    expect(client.userId).toBeNull();
  });

  it('resumes a session from a kept refresh token', async () => {
    let kept: string | null = null;
    await loggedIn({ onTokens: (tokens) => (kept = tokens?.refreshToken ?? null) });

    const other = new ParleyClient({ baseUrl: fake.baseUrl });
    await other.auth.resume(kept!);

    expect((await other.users.me()).email).toBe('ada@example.org');
  });
});

describe('errors', () => {
  it('turns problem details into a typed error with the code and field errors', async () => {
    const client = await loggedIn();

    const error = await client.conversations.createGroup(' ', []).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ParleyError);
    expect((error as ParleyError).status).toBe(400);
    expect((error as ParleyError).code).toBe('VALIDATION_FAILED');
    expect((error as ParleyError).fieldErrors).toEqual({ name: 'must not be blank' });
  });

  it('reports bad credentials as INVALID_CREDENTIALS, not as an ended session', async () => {
    const client = new ParleyClient({ baseUrl: fake.baseUrl });

    const error = await client.auth.login('nobody@example.org', 'wrong password').catch((e: unknown) => e);

    expect((error as ParleyError).code).toBe('INVALID_CREDENTIALS');
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('3', 0)).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter(null, 0)).toBeUndefined();
  });
});

describe('rate limits and overload', () => {
  it('waits for Retry-After on 429 and 503, then retries', async () => {
    const waits: number[] = [];
    const client = await loggedIn({ sleep: async (ms) => void waits.push(ms) });
    fake.failNext({ method: 'GET', path: '/api/v1/users/me', status: 429, headers: { 'Retry-After': '2' } });
    fake.failNext({ method: 'GET', path: '/api/v1/users/me', status: 503, headers: { 'Retry-After': '1' } });

    const me = await client.users.me();

    expect(me.email).toBe('ada@example.org');
    expect(waits).toEqual([2000, 1000]);
  });

  it('gives up with the 429 when Retry-After is longer than it waits', async () => {
    const client = await loggedIn({ sleep: async () => {} });
    fake.failNext({ method: 'GET', path: '/api/v1/users/me', status: 429, headers: { 'Retry-After': '3600' } });

    const error = (await client.users.me().catch((e: unknown) => e)) as ParleyError;

    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBe(3_600_000);
  });
});

describe('read-your-writes', () => {
  it('sends the newest X-Position of its writes as X-Min-Position on later reads', async () => {
    const client = await loggedIn();
    expect(fake.requests.at(-1)!.headers['x-min-position']).toBeUndefined();
    const { conversationId } = await client.conversations.createGroup('Plans', []);
    await client.messages.send(conversationId, { clientMessageId: 'k1', text: 'hello' });
    const position = client.transport.minPosition;

    await client.messages.page(conversationId);

    expect(position).toMatch(/^\d+$/);
    expect(fake.requests.at(-1)!.headers['x-min-position']).toBe(position);
    expect(fake.requests.at(-2)!.headers['x-min-position']).toBeUndefined();
  });
});
