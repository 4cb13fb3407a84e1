import { describe, expect, it } from 'vitest';
import { fitWithin, formatSize, lastSeen, mentionQuery, mentionedIds, segments, suggestions } from '../src/text.ts';

const members = [
  { userId: 'u1', displayName: 'Ada' },
  { userId: 'u2', displayName: 'Ada Lovelace' },
  { userId: 'u3', displayName: 'Bob' },
];

describe('segments', () => {
  it('marks mentions of mentioned members, longest name first, and leaves the rest as plain text', () => {
    expect(segments('hi @Ada Lovelace and @Bob!', ['u2', 'u3'], members)).toEqual([
      { kind: 'text', text: 'hi ' },
      { kind: 'mention', text: '@Ada Lovelace', userId: 'u2' },
      { kind: 'text', text: ' and ' },
      { kind: 'mention', text: '@Bob', userId: 'u3' },
      { kind: 'text', text: '!' },
    ]);
  });

  it('does not mark a name that was not mentioned, and keeps markup as text', () => {
    expect(segments('@Bob <img src=x onerror=alert(1)>', [], members)).toEqual([
      { kind: 'text', text: '@Bob <img src=x onerror=alert(1)>' },
    ]);
  });
});

describe('mention suggestions', () => {
  it('finds the @word before the caret', () => {
    expect(mentionQuery('hello @Lo', 9)).toEqual({ start: 6, query: 'Lo' });
    expect(mentionQuery('mail me@example', 15)).toBeNull();
    expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' });
  });

  it('suggests members by any word of their name, never the caller', () => {
    expect(suggestions(members, 'lo', 'u3').map((m) => m.userId)).toEqual(['u2']);
    expect(suggestions(members, 'a', 'u1').map((m) => m.userId)).toEqual(['u2']);
  });

  it('sends only the mentions still in the text', () => {
    expect(mentionedIds('thanks @Bob', members)).toEqual(['u3']);
    expect(mentionedIds('thanks Bob', members)).toEqual([]);
  });
});

describe('lastSeen', () => {
  it('says how long ago, roughly', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    expect(lastSeen(null, now)).toBe('offline');
    expect(lastSeen('2026-12-01T11:59:40Z', now)).toBe('last seen just now');
    expect(lastSeen('2026-12-01T11:30:00Z', now)).toBe('last seen 30 min ago');
    expect(lastSeen('2026-12-01T09:00:00Z', now)).toBe('last seen 3 h ago');
  });
});

describe('attachment sizes', () => {
  it('reads as people read them', () => {
    expect(formatSize(512)).toBe('512 B');
    expect(formatSize(12 * 1024)).toBe('12 KB');
    expect(formatSize(3.44 * 1024 * 1024)).toBe('3.4 MB');
  });

  it('fits a preview within the box, never enlarging it', () => {
    expect(fitWithin(800, 600, 240)).toEqual([240, 180]);
    expect(fitWithin(100, 400, 240)).toEqual([60, 240]);
    expect(fitWithin(50, 40, 240)).toEqual([50, 40]);
  });
});
