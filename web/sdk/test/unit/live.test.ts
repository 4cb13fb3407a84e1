import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import {
  ParleyClient, ParleyError, ParleyLive, backoffDelay, type MessageEvent, type TypingEvent, type UserEvent,
} from '../../src/index.js';
import { FakeParley } from '../fake-parley.js';

let fake: FakeParley;
const lives: ParleyLive[] = [];

beforeEach(async () => {
  fake = await FakeParley.start();
});

afterEach(async () => {
  for (const live of lives.splice(0)) live.stop();
  await fake.stop();
});

async function user(email: string) {
  const client = new ParleyClient({ baseUrl: fake.baseUrl });
  const { userId } = await client.auth.register({ email, password: 'correct horse', displayName: email });
  await client.auth.login(email, 'correct horse');
  const live = client.live({
    webSocketFactory: (url) => new WebSocket(url) as unknown as globalThis.WebSocket,
    backoff: { initialMs: 20, maxMs: 100 },
  });
  lives.push(live);
  return { client, live, userId };
}

async function online(live: ParleyLive) {
  live.start();
  await vi.waitFor(() => expect(live.status.state).toBe('online'));
}

describe('back-off', () => {
  it('doubles up to the cap and jitters within the upper half', () => {
    expect([0, 1, 2, 3, 10].map((attempt) => backoffDelay(attempt, 1000, 30_000, () => 1))).toEqual([1000, 2000, 4000, 8000, 30_000]);
    expect(backoffDelay(2, 1000, 30_000, () => 0)).toBe(2000);
    expect(backoffDelay(2, 1000, 30_000, () => 0.5)).toBe(3000);
  });
});

describe('live conversation', () => {
  it('delivers the backlog after since-seq, then live messages', async () => {
    const ada = await user('ada@example.org');
    const { conversationId } = await ada.client.conversations.createGroup('Plans', []);
    fake.post(conversationId, ada.userId, 'one');
    fake.post(conversationId, ada.userId, 'two');
    const seen: number[] = [];
    await online(ada.live);

    ada.live.watch(conversationId, 1, {
      onMessage: (event) => event.type === 'message.created' && seen.push(event.message.seq),
    });
    await vi.waitFor(() => expect(seen).toEqual([2]));
    fake.post(conversationId, ada.userId, 'three');

    await vi.waitFor(() => expect(seen).toEqual([2, 3]));
  });

  it('after a dropped connection resubscribes from the last seq and delivers every message exactly once', async () => {
    const ada = await user('ada@example.org');
    const { conversationId } = await ada.client.conversations.createGroup('Plans', []);
    const seen: string[] = [];
    await online(ada.live);
    const watch = ada.live.watch(conversationId, 0, {
      onMessage: (event: MessageEvent) => event.type === 'message.created' && seen.push(event.message.text!),
    });
    for (const text of ['a', 'b', 'c']) fake.post(conversationId, ada.userId, text);
    await vi.waitFor(() => expect(seen).toHaveLength(3));

    fake.overlap = 2; // the server repeats two old ones: the client must drop them
    fake.refusingSockets = true;
    fake.dropSockets();
    await vi.waitFor(() => expect(ada.live.status.state).toBe('waiting'));
    for (const text of ['d', 'e', 'f', 'g', 'h']) fake.post(conversationId, ada.userId, text);
    fake.refusingSockets = false;

    await vi.waitFor(() => expect(seen).toHaveLength(8));
    await vi.waitFor(() => expect(ada.live.status.state).toBe('online'));
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(watch.lastSeq).toBe(8);
    const resubscribes = fake.subscribeFrames.filter((f) => f.headers.destination!.endsWith('/messages'));
    expect(resubscribes.map((f) => f.headers['since-seq'])).toEqual(['0', '3']);
  });

  it('sends X-Min-Position of its own writes when it subscribes', async () => {
    const ada = await user('ada@example.org');
    const { conversationId } = await ada.client.conversations.createGroup('Plans', []);
    await online(ada.live);

    ada.live.watch(conversationId, 0, {});

    await vi.waitFor(() => expect(fake.subscribeFrames.some((f) => f.headers.destination!.endsWith('/messages'))).toBe(true));
    const subscribe = fake.subscribeFrames.find((f) => f.headers.destination!.endsWith('/messages'))!;
    expect(subscribe.headers['X-Min-Position']).toBe(ada.client.transport.minPosition);
  });

  it('carries typing between members and not back to the typist', async () => {
    const ada = await user('ada@example.org');
    const bob = await user('bob@example.org');
    const { conversationId } = await ada.client.conversations.createGroup('Plans', [bob.userId]);
    const adaSaw: TypingEvent[] = [];
    const bobSaw: TypingEvent[] = [];
    await online(ada.live);
    await online(bob.live);
    ada.live.watch(conversationId, 0, { onTyping: (e) => adaSaw.push(e) });
    bob.live.watch(conversationId, 0, { onTyping: (e) => bobSaw.push(e) });
    await vi.waitFor(() => expect(fake.subscribeFrames.filter((f) => f.headers.destination!.endsWith('/typing'))).toHaveLength(2));

    expect(ada.live.sendTyping(conversationId, true)).toBe(true);

    await vi.waitFor(() => expect(bobSaw).toEqual([{ type: 'typing', conversationId, userId: ada.userId, typing: true }]));
    expect(adaSaw).toEqual([]);
  });

  it('passes typed user-queue events to listeners', async () => {
    const ada = await user('ada@example.org');
    const { conversationId } = await ada.client.conversations.createGroup('Plans', []);
    const events: UserEvent[] = [];
    ada.live.onUserEvent((event) => events.push(event));
    await online(ada.live);

    fake.post(conversationId, ada.userId, 'hello');

    await vi.waitFor(() => expect(events.map((e) => e.type)).toEqual(['message.created']));
    const event = events[0]!;
    expect(event.type === 'message.created' && event.conversationId).toBe(conversationId);
  });

  it('stops for good on session.revoked and says why', async () => {
    const ada = await user('ada@example.org');
    await online(ada.live);

    fake.revoke(ada.userId, 'ACCOUNT_DEACTIVATED');

    await vi.waitFor(() => expect(ada.live.status).toEqual({ state: 'revoked', reason: 'ACCOUNT_DEACTIVATED' }));
  });

  it('refreshes the token and reconnects when the socket is refused with INVALID_TOKEN', async () => {
    const ada = await user('ada@example.org');
    await online(ada.live);
    fake.invalidateAccessTokens();
    fake.dropSockets();

    await vi.waitFor(() => expect(fake.count('POST', '/api/v1/auth/refresh')).toBe(1));
    await vi.waitFor(() => expect(ada.live.status.state).toBe('online'));
  });

  it('keeps trying when getting a token fails for a reason other than an ended session', async () => {
    const ada = await user('ada@example.org');
    let attempts = 0;
    const live = new ParleyLive({
      url: `${fake.baseUrl.replace('http', 'ws')}/ws`,
      accessToken: () => (++attempts === 1 ? Promise.reject(new ParleyError({ status: 503, code: 'OVERLOADED' })) : ada.client.transport.accessToken()),
      webSocketFactory: (url) => new WebSocket(url) as unknown as globalThis.WebSocket,
      backoff: { initialMs: 20, maxMs: 100 },
    });
    lives.push(live);

    live.start();

    await vi.waitFor(() => expect(live.status.state).toBe('online'));
    expect(attempts).toBe(2);
  });

  it('stays closed while paused and reconnects at once on reconnectNow', async () => {
    const ada = await user('ada@example.org');
    await online(ada.live);

    ada.live.pause();
    expect(ada.live.status.state).toBe('paused');
    const connects = fake.connectFrames.length;
    ada.live.reconnectNow();

    await vi.waitFor(() => expect(ada.live.status.state).toBe('online'));
    expect(fake.connectFrames).toHaveLength(connects + 1);
  });
});
