import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const sources = fileURLToPath(new URL('../src/', import.meta.url));

describe('rendering', () => {
  it('never writes HTML from strings: message text reaches the page as text nodes only', () => {
    const sinks = /dangerouslySetInnerHTML|innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(/;
    const offenders = readdirSync(sources)
      .filter((file) => /\.(ts|tsx)$/.test(file))
      .filter((file) => sinks.test(readFileSync(sources + file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
