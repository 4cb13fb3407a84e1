import { describe, expect, it } from 'vitest';
import { href, parse } from '../src/route.ts';

describe('routes', () => {
  it('carries the message a search hit opens, and nothing else', () => {
    const route = { name: 'conversation', id: 'c/1 2', seq: 42 } as const;

    expect(href(route)).toBe('#/c/c%2F1%202?seq=42');
    expect(parse(href(route))).toEqual(route);
    expect(parse('#/c/abc')).toEqual({ name: 'conversation', id: 'abc' });
    for (const bad of ['0', '-3', '1.5', 'x', '9007199254740993']) {
      expect(parse(`#/c/abc?seq=${bad}`), bad).toEqual({ name: 'conversation', id: 'abc' });
    }
  });
});
