import type { ParleyClient } from './client.js';
import { ParleyError, SessionEndedError } from './errors.js';
import type { SentMessage } from './types.js';

export interface OutboxItem {
  conversationId: string;
  /** Chosen once, reused on every retry: Parley appends the message at most once per id. */
  clientMessageId: string;
  text: string;
  replyToMessageId?: string;
  mentions?: string[];
  /** Uploaded already (`attachments.upload`); sent with the message. */
  attachmentIds?: string[];
  attempts: number;
  state: 'pending' | 'failed';
  /** Why it failed for good (a 4xx `code`). */
  error?: string;
}

/** Where the outbox keeps unsent messages, e.g. sessionStorage, so they survive a reload as well as a reconnect. */
export interface OutboxStorage {
  load(): OutboxItem[];
  save(items: OutboxItem[]): void;
}

export interface OutboxOptions {
  storage?: OutboxStorage;
  /** Wait before retry number `attempt` (default 1 s doubling to 30 s). */
  retryDelayMs?: (attempt: number) => number;
  sleep?: (ms: number) => Promise<void>;
  onChange?: (items: readonly OutboxItem[]) => void;
  onSent?: (item: OutboxItem, sent: SentMessage) => void;
}

/** A random RFC 4122 version 4 id, also outside secure contexts (where crypto.randomUUID is missing). */
export function newClientMessageId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Messages on their way, in order. Each keeps its `clientMessageId` across retries (network errors, 5xx, 429
 * beyond the transport's own retries), so a send that reached Parley but whose answer was lost is not doubled.
 * Retries pause while {@link pause}d (offline) and resume on {@link resume}; a 4xx marks the item failed.
 */
export class Outbox {
  private readonly queue: OutboxItem[];
  private readonly waiting = new Map<string, { resolve: (sent: SentMessage) => void; reject: (error: unknown) => void }>();
  private readonly retryDelayMs: (attempt: number) => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private running = false;
  private paused = false;
  private wake: (() => void) | null = null;

  constructor(private readonly client: ParleyClient, private readonly options: OutboxOptions = {}) {
    this.queue = options.storage?.load() ?? [];
    this.retryDelayMs = options.retryDelayMs ?? ((attempt) => Math.min(30_000, 1000 * 2 ** attempt));
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    if (this.queue.length > 0) void this.run();
  }

  get items(): readonly OutboxItem[] {
    return this.queue;
  }

  send(conversationId: string, text: string,
       extra: { replyToMessageId?: string; mentions?: string[]; attachmentIds?: string[] } = {}): Promise<SentMessage> {
    const item: OutboxItem = {
      conversationId, clientMessageId: newClientMessageId(), text, attempts: 0, state: 'pending', ...extra,
    };
    const result = new Promise<SentMessage>((resolve, reject) => this.waiting.set(item.clientMessageId, { resolve, reject }));
    this.queue.push(item);
    this.changed();
    void this.run();
    return result;
  }

  /** Sends a failed item again, with the same clientMessageId. */
  retry(clientMessageId: string): void {
    const item = this.queue.find((candidate) => candidate.clientMessageId === clientMessageId);
    if (item == null) return;
    item.state = 'pending';
    delete item.error;
    this.changed();
    void this.run();
  }

  discard(clientMessageId: string): void {
    const index = this.queue.findIndex((candidate) => candidate.clientMessageId === clientMessageId);
    if (index >= 0) this.queue.splice(index, 1);
    this.waiting.get(clientMessageId)?.reject(new Error('Discarded'));
    this.waiting.delete(clientMessageId);
    this.changed();
  }

  pause(): void {
    this.paused = true;
  }

  /** Retries at once what is waiting (e.g. back online). */
  resume(): void {
    this.paused = false;
    this.wake?.();
    void this.run();
  }

  private changed(): void {
    this.options.storage?.save(this.queue);
    this.options.onChange?.([...this.queue]);
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const item = this.queue.find((candidate) => candidate.state === 'pending');
        if (item == null || this.paused) return;
        try {
          const sent = await this.client.messages.send(item.conversationId, {
            clientMessageId: item.clientMessageId,
            text: item.text,
            replyToMessageId: item.replyToMessageId,
            mentions: item.mentions,
            ...(item.attachmentIds != null && item.attachmentIds.length > 0 ? { attachmentIds: item.attachmentIds } : {}),
          });
          this.queue.splice(this.queue.indexOf(item), 1);
          this.changed();
          this.options.onSent?.(item, sent);
          this.waiting.get(item.clientMessageId)?.resolve(sent);
          this.waiting.delete(item.clientMessageId);
        } catch (error) {
          if (error instanceof SessionEndedError) return;
          if (error instanceof ParleyError && error.status >= 400 && error.status < 500 && error.status !== 429) {
            item.state = 'failed';
            item.error = error.code;
            this.changed();
            this.waiting.get(item.clientMessageId)?.reject(error);
            this.waiting.delete(item.clientMessageId);
            continue;
          }
          item.attempts++;
          this.changed();
          await Promise.race([
            this.sleep(this.retryDelayMs(item.attempts - 1)),
            new Promise<void>((resolve) => (this.wake = resolve)),
          ]);
          this.wake = null;
        }
      }
    } finally {
      this.running = false;
    }
  }
}
