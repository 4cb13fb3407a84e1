import type { Member } from '@parley/sdk';

/** A piece of message text: plain, or a mention of a member. Rendered as text nodes, never as HTML. */
export type Segment = { kind: 'text'; text: string } | { kind: 'mention'; text: string; userId: string };

/** Splits text at `@Display Name` of the mentioned members (longest names first, so "@Ada L" beats "@Ada"). */
export function segments(text: string, mentions: readonly string[], members: readonly Pick<Member, 'userId' | 'displayName'>[]): Segment[] {
  const names = members
    .filter((m) => mentions.includes(m.userId))
    .sort((a, b) => b.displayName.length - a.displayName.length);
  const out: Segment[] = [];
  let plain = '';
  let i = 0;
  outer: while (i < text.length) {
    if (text[i] === '@') {
      for (const member of names) {
        const token = `@${member.displayName}`;
        if (text.startsWith(token, i)) {
          if (plain !== '') out.push({ kind: 'text', text: plain });
          plain = '';
          out.push({ kind: 'mention', text: token, userId: member.userId });
          i += token.length;
          continue outer;
        }
      }
    }
    plain += text[i];
    i++;
  }
  if (plain !== '') out.push({ kind: 'text', text: plain });
  return out;
}

/** The `@word` being typed just before the caret, if any: what mention suggestions complete. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([^\s@]{0,32})$/.exec(before);
  if (match == null) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]! };
}

/** Members whose display name starts with (or has a word starting with) the query, the caller excluded. */
export function suggestions<T extends Pick<Member, 'userId' | 'displayName'>>(members: readonly T[], query: string, me: string | null): T[] {
  const q = query.toLocaleLowerCase();
  return members
    .filter((m) => m.userId !== me)
    .filter((m) => m.displayName.toLocaleLowerCase().split(/\s+/).some((word) => word.startsWith(q)) || m.displayName.toLocaleLowerCase().startsWith(q))
    .slice(0, 6);
}

/** The members still mentioned by name in the text about to be sent. */
export function mentionedIds(text: string, candidates: readonly Pick<Member, 'userId' | 'displayName'>[]): string[] {
  return [...new Set(candidates.filter((m) => text.includes(`@${m.displayName}`)).map((m) => m.userId))];
}

export function timeOf(iso: string | null): string {
  if (iso == null) return '';
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export function lastSeen(iso: string | null, now = Date.now()): string {
  if (iso == null) return 'offline';
  const minutes = Math.round((now - Date.parse(iso)) / 60_000);
  if (minutes < 1) return 'last seen just now';
  if (minutes < 60) return `last seen ${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `last seen ${hours} h ago`;
  return `last seen ${new Date(iso).toLocaleDateString()}`;
}

/** A byte count as people read it: 512 B, 12 KB, 3.4 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Width and height scaled down (never up) so that neither exceeds `max`. */
export function fitWithin(width: number, height: number, max: number): [number, number] {
  const scale = Math.min(1, max / Math.max(width, height, 1));
  return [Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale))];
}
