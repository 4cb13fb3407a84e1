import type { Message, MessageEvent } from '@parley/sdk';

/** The loaded part of a conversation: messages by ascending seq, no duplicates. */
export interface Timeline {
  messages: Message[];
  /** A seq to page back from (beforeSeq), or null when the oldest message is loaded. */
  olderCursor: number | null;
}

export const emptyTimeline: Timeline = { messages: [], olderCursor: null };

/** Adds or replaces messages by seq, keeping the order. */
export function merge(timeline: Timeline, incoming: readonly Message[]): Timeline {
  if (incoming.length === 0) return timeline;
  const bySeq = new Map(timeline.messages.map((m) => [m.seq, m]));
  for (const message of incoming) bySeq.set(message.seq, message);
  return { ...timeline, messages: [...bySeq.values()].sort((a, b) => a.seq - b.seq) };
}

/** Applies a live event; a message deleted for me disappears (the server stops sending it). */
export function apply(timeline: Timeline, event: MessageEvent): Timeline {
  if (event.type === 'member.removed') return timeline;
  return merge(timeline, [event.message]);
}

export function remove(timeline: Timeline, messageId: string): Timeline {
  return { ...timeline, messages: timeline.messages.filter((m) => m.messageId !== messageId) };
}

export function prepend(timeline: Timeline, older: readonly Message[], cursor: number | null): Timeline {
  return { ...merge(timeline, older), olderCursor: cursor };
}
