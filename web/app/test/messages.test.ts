import type { Message } from '@parley/sdk';
import { describe, expect, it } from 'vitest';
import { apply, merge, prepend, remove } from '../src/messages.ts';
import { parse, href } from '../src/route.ts';

function message(seq: number, text = `m${seq}`): Message {
  return {
    messageId: `id${seq}`, conversationId: 'c1', seq, senderId: 'u1', text, createdAt: '2026-12-01T12:00:00Z',
    editedAt: null, deleted: false, replyToMessageId: null, mentions: [], reactions: {}, attachments: [],
  };
}

describe('timeline', () => {
  it('keeps one message per seq, in seq order, whatever order they come in', () => {
    const timeline = merge({ messages: [message(2)], olderCursor: null }, [message(3), message(1), message(2, 'again')]);
    expect(timeline.messages.map((m) => [m.seq, m.text])).toEqual([[1, 'm1'], [2, 'again'], [3, 'm3']]);
  });

  it('replaces an edited or deleted message in place', () => {
    const start = merge({ messages: [], olderCursor: null }, [message(1), message(2)]);
    const edited = apply(start, { type: 'message.edited', message: { ...message(1, 'fixed'), editedAt: '2026-12-01T12:01:00Z' } });
    const deleted = apply(edited, { type: 'message.deleted', message: { ...message(2), text: null, deleted: true } });
    expect(deleted.messages.map((m) => [m.text, m.deleted])).toEqual([['fixed', false], [null, true]]);
  });

  it('prepends older pages and keeps the cursor of the oldest', () => {
    const timeline = prepend({ messages: [message(51)], olderCursor: 51 }, [message(1), message(2)], null);
    expect(timeline.messages.map((m) => m.seq)).toEqual([1, 2, 51]);
    expect(timeline.olderCursor).toBeNull();
  });

  it('drops a message deleted for me', () => {
    expect(remove(merge({ messages: [], olderCursor: null }, [message(1), message(2)]), 'id1').messages.map((m) => m.seq)).toEqual([2]);
  });
});

describe('routes', () => {
  it('reads the reset link of the password-reset mail', () => {
    expect(parse('#/reset-password?token=u1.abc%2B')).toEqual({ name: 'reset', token: 'u1.abc+' });
  });

  it('round-trips conversation links', () => {
    expect(parse(href({ name: 'conversation', id: 'g/1' }))).toEqual({ name: 'conversation', id: 'g/1' });
    expect(parse('')).toEqual({ name: 'home' });
  });
});
