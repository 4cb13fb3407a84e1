import { afterAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import {
  Outbox, ParleyClient, ParleyError, SessionEndedError, type MessageEvent, type ParleyLive, type ReceiptEvent,
  type TypingEvent, type UserEvent,
} from '../../src/index.js';

const baseUrl = process.env.PARLEY_URL;
if (baseUrl == null || baseUrl === '') throw new Error('PARLEY_URL is not set: point it at a running Parley (./parley test does)');

// An address in PARLEY_ADMIN_EMAILS of that Parley, and its password (web/e2e/run.mjs sets both for its stack).
const adminEmail = process.env.PARLEY_ADMIN_EMAIL ?? '';
const adminPassword = process.env.PARLEY_ADMIN_PASSWORD ?? '';

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const lives: ParleyLive[] = [];
let people = 0;
const waitLong = { timeout: 20_000, interval: 50 };

afterAll(() => {
  for (const live of lives) live.stop();
});

async function user(name: string, options: { refreshMarginMs?: number } = {}) {
  const client = new ParleyClient({ baseUrl: baseUrl!, ...options });
  const email = `${name}-${run}-${++people}@example.org`;
  const { userId } = await client.auth.register({ email, password: 'correct horse battery', displayName: name });
  await client.auth.login(email, 'correct horse battery');
  const live = client.live({ webSocketFactory: (url) => new WebSocket(url) as unknown as globalThis.WebSocket });
  lives.push(live);
  return { client, live, userId, email };
}

async function online(live: ParleyLive) {
  live.start();
  await vi.waitFor(() => expect(live.status.state).toBe('online'), waitLong);
}

describe('the SDK against a running Parley', () => {
  it('reports a taken email as a typed problem', async () => {
    const ada = await user('ada');
    const again = new ParleyClient({ baseUrl: baseUrl! });

    const error = await again.auth.register({ email: ada.email.toUpperCase(), password: 'another password', displayName: 'Ada 2' })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ParleyError);
    expect((error as ParleyError).status).toBe(409);
    expect((error as ParleyError).code).toBe('EMAIL_TAKEN');
  });

  it('refreshes once for concurrent calls: a second refresh with the same token would end the session', async () => {
    // A margin longer than the token's life makes every call refresh first.
    const ada = await user('ada', { refreshMarginMs: 24 * 3600_000 });

    const answers = await Promise.all([ada.client.users.me(), ada.client.users.me(), ada.client.conversations.list()]);

    expect(answers[0].userId).toBe(ada.userId);
    expect((await ada.client.users.me()).email).toBe(ada.email);
  });

  it('gives a user no admin data: 403 ACCESS_DENIED', async () => {
    const ada = await user('ada');

    const error = (await ada.client.admin.projections().catch((e: unknown) => e)) as ParleyError;

    expect([error.status, error.code]).toEqual([403, 'ACCESS_DENIED']);
  });

  it('ends the session on logout', async () => {
    const ada = await user('ada');
    await ada.client.auth.logout();

    await expect(ada.client.users.me()).rejects.toBeInstanceOf(SessionEndedError);
  });

  it('reads its own writes at once, and delivers messages, typing and receipts live', async () => {
    const ada = await user('ada');
    const bob = await user('bob');
    await online(ada.live);
    await online(bob.live);
    const bobEvents: UserEvent[] = [];
    bob.live.onUserEvent((event) => bobEvents.push(event));
    const { conversationId } = await ada.client.conversations.createGroup('Plans', [bob.userId]);
    expect((await ada.client.conversations.get(conversationId)).members.map((m) => m.role)).toEqual(['OWNER', 'MEMBER']);
    await vi.waitFor(() => expect(bobEvents.some((e) => e.type === 'conversation.created')).toBe(true), waitLong);

    const bobMessages: MessageEvent[] = [];
    const bobTyping: TypingEvent[] = [];
    const adaReceipts: ReceiptEvent[] = [];
    bob.live.watch(conversationId, 0, { onMessage: (e) => bobMessages.push(e), onTyping: (e) => bobTyping.push(e) });
    ada.live.watch(conversationId, 0, { onReceipt: (e) => adaReceipts.push(e) });
    const outbox = new Outbox(ada.client);

    const sent = await outbox.send(conversationId, 'hello bob');
    expect((await ada.client.messages.page(conversationId)).items.map((m) => m.text)).toEqual(['hello bob']);
    await vi.waitFor(() => expect(bobMessages.map((e) => e.type === 'message.created' && e.message.text)).toEqual(['hello bob']), waitLong);

    await vi.waitFor(() => {
      ada.live.sendTyping(conversationId, true);
      expect(bobTyping.some((e) => e.userId === ada.userId && e.typing)).toBe(true);
    }, waitLong);

    await bob.client.conversations.markRead(conversationId, sent.seq);
    await vi.waitFor(() => expect(adaReceipts).toContainEqual(expect.objectContaining({ userId: bob.userId, lastReadSeq: sent.seq })), waitLong);
  });

  it('after a dropped connection, delivers what was sent meanwhile exactly once', async () => {
    const ada = await user('ada');
    const bob = await user('bob');
    const { conversationId } = await ada.client.conversations.createGroup('Resume', [bob.userId]);
    await online(bob.live);
    const seen: number[] = [];
    bob.live.watch(conversationId, 0, { onMessage: (e) => e.type === 'message.created' && seen.push(e.message.seq) });
    const outbox = new Outbox(ada.client);
    await outbox.send(conversationId, 'before');
    await vi.waitFor(() => expect(seen).toEqual([1]), waitLong);

    bob.live.pause();
    for (let i = 0; i < 10; i++) await outbox.send(conversationId, `while away ${i}`);
    bob.live.reconnectNow();

    await vi.waitFor(() => expect(seen).toHaveLength(11), waitLong);
    expect(seen).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
  });

  it('sends a message once however often the same clientMessageId is retried', async () => {
    const ada = await user('ada');
    const { conversationId } = await ada.client.conversations.createGroup('Once', []);

    const first = await ada.client.messages.send(conversationId, { clientMessageId: `retry-${run}`, text: 'only once' });
    const again = await ada.client.messages.send(conversationId, { clientMessageId: `retry-${run}`, text: 'only once' });

    expect(again).toEqual(first);
    expect((await ada.client.messages.page(conversationId)).items).toHaveLength(1);
  });

  it('reads back notification preferences and blocks, and names the conversation of a search hit', async () => {
    const ada = await user('ada');
    const bob = await user('bob');
    expect(await ada.client.users.notificationPreferences()).toEqual({ email: true, push: true });
    await ada.client.users.setNotificationPreferences({ email: false, push: true });
    expect(await ada.client.users.notificationPreferences()).toEqual({ email: false, push: true });

    await ada.client.users.block(bob.userId);
    const blocked = (await ada.client.contacts.blocked()).items;
    expect(blocked.map((b) => [b.userId, b.displayName])).toEqual([[bob.userId, 'bob']]);
    expect(Date.parse(blocked[0]!.blockedAt)).not.toBeNaN();
    await ada.client.users.unblock(bob.userId);
    expect((await ada.client.contacts.blocked()).items).toEqual([]);

    const word = `wombat${run}`;
    const { conversationId } = await ada.client.conversations.createGroup('Marsupials', [bob.userId]);
    await ada.client.messages.send(conversationId, { clientMessageId: `search-${run}`, text: `a ${word} appears` });
    const [hit] = (await ada.client.messages.search({ q: word })).items;
    expect(hit).toMatchObject({ conversationId, conversationName: 'Marsupials', conversationType: 'GROUP', seq: 1 });
  });
});

describe.runIf(adminEmail !== '' && adminPassword !== '')('an administrator through the SDK', () => {
  async function administrator() {
    const admin = new ParleyClient({ baseUrl: baseUrl! });
    // The account may exist from an earlier run against the same Parley, or from the browser tests.
    await admin.auth.register({ email: adminEmail, password: adminPassword, displayName: 'Moderator' }).catch((e: unknown) => {
      if (!(e instanceof ParleyError && e.code === 'EMAIL_TAKEN')) throw e;
    });
    await admin.auth.login(adminEmail, adminPassword);
    return admin;
  }

  it('removes a message, archives a conversation, deactivates and reactivates an account, and reads it all in the audit log', async () => {
    const admin = await administrator();
    const ada = await user('ada');
    const bob = await user('bob');
    const { conversationId } = await ada.client.conversations.createGroup('Moderated', [bob.userId]);
    const sent = await ada.client.messages.send(conversationId, { clientMessageId: `moderated-${run}`, text: 'remove me' });

    await admin.admin.removeMessage(conversationId, sent.messageId);
    await vi.waitFor(async () => expect((await ada.client.messages.page(conversationId)).items)
      .toEqual([expect.objectContaining({ messageId: sent.messageId, deleted: true })]), waitLong);

    await admin.admin.archiveConversation(conversationId);
    await vi.waitFor(async () => expect((await ada.client.conversations.get(conversationId)).archivedAt).not.toBeNull(), waitLong);
    const refused = (await ada.client.messages.send(conversationId, { clientMessageId: `archived-${run}`, text: 'too late' })
      .catch((e: unknown) => e)) as ParleyError;
    expect([refused.status, refused.code]).toEqual([409, 'CONVERSATION_ARCHIVED']);

    await admin.admin.deactivateUser(bob.userId);
    const deactivated = (await new ParleyClient({ baseUrl: baseUrl! }).auth.login(bob.email, 'correct horse battery')
      .catch((e: unknown) => e)) as ParleyError;
    expect([deactivated.status, deactivated.code]).toEqual([403, 'USER_DEACTIVATED']);
    await admin.admin.reactivateUser(bob.userId);
    expect((await new ParleyClient({ baseUrl: baseUrl! }).auth.login(bob.email, 'correct horse battery')).userId).toBe(bob.userId);

    const inConversation = (await admin.admin.audit({ conversationId })).items;
    expect(inConversation.find((e) => e.action === 'MESSAGE_REMOVED'))
      .toMatchObject({ actorId: admin.userId, conversationId, messageId: sent.messageId });
    expect(inConversation.find((e) => e.action === 'CONVERSATION_ARCHIVED')).toMatchObject({ actorId: admin.userId, conversationId });
    const onBob = (await admin.admin.audit({ actor: admin.userId! })).items.filter((e) => e.userId === bob.userId);
    expect(onBob.map((e) => e.action)).toEqual(['USER_REACTIVATED', 'USER_DEACTIVATED']);
  });
});
