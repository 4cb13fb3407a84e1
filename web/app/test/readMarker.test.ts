import { describe, expect, it } from 'vitest';
import { ReadMarker } from '../src/readMarker.ts';

/** A send that the test answers by hand, in order. */
function manualSend() {
  const calls: { seq: number; answer: (ok: boolean) => void }[] = [];
  const send = (seq: number) => new Promise<void>((resolve, reject) => {
    calls.push({ seq, answer: (ok) => (ok ? resolve() : reject(new Error('refused'))) });
  });
  return { calls, send };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ReadMarker', () => {
  it('sends one request at a time, and then only the highest seq marked meanwhile', async () => {
    const { calls, send } = manualSend();
    const marker = new ReadMarker(send, 0);
    marker.mark(1);
    marker.mark(2);
    marker.mark(3);
    marker.mark(5);
    expect(calls.map((c) => c.seq)).toEqual([1]);
    calls[0]!.answer(true);
    await settled();
    expect(calls.map((c) => c.seq)).toEqual([1, 5]);
    calls[1]!.answer(true);
    await settled();
    expect(calls.map((c) => c.seq)).toEqual([1, 5]);
  });

  it('sends nothing for what the server already has, or for an older seq', async () => {
    const { calls, send } = manualSend();
    const marker = new ReadMarker(send, 7);
    marker.mark(7);
    marker.mark(3);
    expect(calls).toEqual([]);
    marker.mark(8);
    calls[0]!.answer(true);
    await settled();
    marker.mark(8);
    expect(calls.map((c) => c.seq)).toEqual([8]);
  });

  it('tries again on the next mark after a refused request, not before', async () => {
    const { calls, send } = manualSend();
    const marker = new ReadMarker(send, 0);
    marker.mark(4);
    calls[0]!.answer(false);
    await settled();
    expect(calls.map((c) => c.seq)).toEqual([4]);
    marker.mark(4);
    expect(calls.map((c) => c.seq)).toEqual([4, 4]);
    calls[1]!.answer(true);
    await settled();
    marker.mark(4);
    expect(calls.map((c) => c.seq)).toEqual([4, 4]);
  });
});
