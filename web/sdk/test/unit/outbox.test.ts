import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Outbox, ParleyClient, ParleyError, type OutboxItem } from '../../src/index.js';
import { FakeParley } from '../fake-parley.js';

let fake: FakeParley;

beforeEach(async () => {
  fake = await FakeParley.start();
});

afterEach(async () => {
  await fake.stop();
});

async function adaInGroup() {
  const client = new ParleyClient({ baseUrl: fake.baseUrl, sleep: async () => {} });
  await client.auth.register({ email: 'ada@example.org', password: 'correct horse', displayName: 'Ada' });
  await client.auth.login('ada@example.org', 'correct horse');
  const { conversationId } = await client.conversations.createGroup('Plans', []);
  return { client, conversationId };
}

const sendPath = (conversationId: string) => `/api/v1/conversations/${conversationId}/messages`;

describe('outbox', () => {
  it('retries with the same clientMessageId, so a send whose answer was lost is stored once', async () => {
    const { client, conversationId } = await adaInGroup();
    const outbox = new Outbox(client, { retryDelayMs: () => 1 });
    // The first attempt reaches Parley but its answer is lost (the gateway answers 502); the retry repeats the id.
    fake.failNext({ method: 'POST', path: sendPath(conversationId), status: 502 });

    const sent = await outbox.send(conversationId, 'hello');

    const attempts = fake.requests.filter((r) => r.method === 'POST' && r.path === sendPath(conversationId));
    expect(attempts).toHaveLength(2);
    expect((attempts[0]!.body as { clientMessageId: string }).clientMessageId)
      .toBe((attempts[1]!.body as { clientMessageId: string }).clientMessageId);
    expect(fake.messagesOf(conversationId).map((m) => m.text)).toEqual(['hello']);
    expect(sent.seq).toBe(1);
    expect(outbox.items).toEqual([]);
  });

  it('keeps messages while paused (offline) and sends them in order on resume', async () => {
    const { client, conversationId } = await adaInGroup();
    const outbox = new Outbox(client, { retryDelayMs: () => 60_000 });
    outbox.pause();

    const sends = ['one', 'two', 'three'].map((text) => outbox.send(conversationId, text));
    expect(outbox.items.map((i) => i.text)).toEqual(['one', 'two', 'three']);
    expect(fake.messagesOf(conversationId)).toEqual([]);
    outbox.resume();

    expect((await Promise.all(sends)).map((s) => s.seq)).toEqual([1, 2, 3]);
    expect(fake.messagesOf(conversationId).map((m) => m.text)).toEqual(['one', 'two', 'three']);
  });

  it('wakes from a retry wait when resumed', async () => {
    const { client, conversationId } = await adaInGroup();
    const outbox = new Outbox(client, { retryDelayMs: () => 3_600_000 });
    fake.failNext({ method: 'POST', path: sendPath(conversationId), status: 503 });
    fake.failNext({ method: 'POST', path: sendPath(conversationId), status: 503 });
    fake.failNext({ method: 'POST', path: sendPath(conversationId), status: 503 });
    fake.failNext({ method: 'POST', path: sendPath(conversationId), status: 503 });
    const sent = outbox.send(conversationId, 'hello');
    await vi.waitFor(() => expect(outbox.items[0]?.attempts).toBe(1));

    outbox.resume();

    expect((await sent).seq).toBe(1);
  });

  it('marks a message Parley refuses as failed and keeps it for retry or discard', async () => {
    const { client, conversationId } = await adaInGroup();
    const outbox = new Outbox(client);
    fake.failNext({ method: 'POST', path: sendPath(conversationId), status: 403, body: { status: 403, code: 'BLOCKED' } });

    const error = await outbox.send(conversationId, 'hello').catch((e: unknown) => e);

    expect((error as ParleyError).code).toBe('BLOCKED');
    expect(outbox.items.map((i) => [i.state, i.error])).toEqual([['failed', 'BLOCKED']]);
    outbox.retry(outbox.items[0]!.clientMessageId);
    await vi.waitFor(() => expect(outbox.items).toEqual([]));
    expect(fake.messagesOf(conversationId).map((m) => m.text)).toEqual(['hello']);
  });

  it('sends what a stored outbox held, with the stored ids', async () => {
    const { client, conversationId } = await adaInGroup();
    let stored: OutboxItem[] = [{ conversationId, clientMessageId: 'kept-1', text: 'from before', attempts: 2, state: 'pending' }];

    new Outbox(client, { storage: { load: () => stored, save: (items) => (stored = [...items]) } });

    await vi.waitFor(() => expect(stored).toEqual([]));
    const send = fake.requests.find((r) => r.method === 'POST' && r.path === sendPath(conversationId))!;
    expect((send.body as { clientMessageId: string }).clientMessageId).toBe('kept-1');
  });
});
