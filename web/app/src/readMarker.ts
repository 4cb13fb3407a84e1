/**
 * How far this client has read a conversation, as it tells the server: one request in flight at a time, and a seq
 * that comes meanwhile waits for it and goes alone, the highest only. A burst of arriving messages (a resume, a busy
 * group) so costs two requests instead of one per message, each a command, an event and a receipt to every member.
 */
export class ReadMarker {
  private sent: number;
  private wanted: number;
  private sending = false;

  /** `readUpTo`: what the server already has (the receipts' own entry). */
  constructor(private readonly send: (upToSeq: number) => Promise<unknown>, readUpTo: number) {
    this.sent = readUpTo;
    this.wanted = readUpTo;
  }

  /** Read up to `seq`: sent now, or after the request in flight, unless something higher is already. */
  mark(seq: number): void {
    if (seq <= this.wanted) return;
    this.wanted = seq;
    if (!this.sending) void this.flush();
  }

  private async flush(): Promise<void> {
    this.sending = true;
    try {
      while (this.wanted > this.sent) {
        const seq = this.wanted;
        try {
          await this.send(seq);
          this.sent = seq;
        } catch {
          // Not stored: forgotten, so that the next mark (a message, the page shown again) tries again.
          this.wanted = this.sent;
        }
      }
    } finally {
      this.sending = false;
    }
  }
}
