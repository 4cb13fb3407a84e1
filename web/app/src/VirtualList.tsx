import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

interface Props<T> {
  items: readonly T[];
  keyOf: (item: T) => number;
  render: (item: T) => ComponentChildren;
  /** Called when the top is near: load older items. */
  onNearTop: () => void;
  label: string;
  footer?: ComponentChildren;
  /** An item to scroll to (a third down the view) once it is loaded, and to focus, instead of the bottom. */
  focusKey?: number;
}

const ESTIMATE = 72;
const OVERSCAN = 900;

/**
 * A chat list that renders only what is near the viewport (heights measured once rendered, estimated before),
 * sticks to the bottom while the reader is there, and keeps the reader's place when older items are prepended.
 * So a conversation of 10,000 loaded messages keeps a DOM of a few dozen.
 */
export function VirtualList<T>({ items, keyOf, render, onNearTop, label, footer, focusKey }: Props<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const heights = useRef(new Map<number, number>());
  const atBottom = useRef(focusKey == null);
  const pendingScroll = useRef(focusKey ?? null);
  const pendingFocus = useRef(focusKey ?? null);
  const anchor = useRef<{ key: number; delta: number } | null>(null);
  const [view, setView] = useState({ top: 0, height: 800 });
  const [, setMeasured] = useState(0);

  const offsets: number[] = [];
  let total = 0;
  for (const item of items) {
    offsets.push(total);
    total += heights.current.get(keyOf(item)) ?? ESTIMATE;
  }
  const offsetOf = (key: number): number | null => {
    const index = items.findIndex((item) => keyOf(item) === key);
    return index < 0 ? null : offsets[index]!;
  };
  let first = 0;
  while (first < items.length - 1 && offsets[first + 1]! < view.top - OVERSCAN) first++;
  let last = first;
  while (last < items.length - 1 && offsets[last + 1]! < view.top + view.height + OVERSCAN) last++;

  useLayoutEffect(() => {
    const element = scroller.current!;
    let changed = false;
    for (const node of element.querySelectorAll<HTMLElement>('[data-vkey]')) {
      const key = Number(node.dataset.vkey);
      const height = node.offsetHeight;
      if (heights.current.get(key) !== height) {
        heights.current.set(key, height);
        changed = true;
      }
    }
    if (changed) {
      setMeasured((n) => n + 1);
      return;
    }
    if (element.clientHeight !== view.height) setView({ top: element.scrollTop, height: element.clientHeight });
    if (pendingScroll.current != null) {
      const offset = offsetOf(pendingScroll.current);
      if (offset != null) {
        // From here the anchor keeps the item in place while the heights around it are measured.
        const top = Math.max(0, offset - Math.round(element.clientHeight / 3));
        anchor.current = { key: pendingScroll.current, delta: offset - top };
        pendingScroll.current = null;
        element.scrollTop = top;
        setView({ top, height: element.clientHeight });
        return;
      }
    }
    if (pendingFocus.current != null && pendingScroll.current == null) {
      const target = element.querySelector<HTMLElement>(`[data-vkey="${pendingFocus.current}"] > [tabindex]`);
      if (target != null) {
        pendingFocus.current = null;
        target.focus({ preventScroll: true });
      }
    }
    if (atBottom.current) {
      element.scrollTop = element.scrollHeight;
    } else if (anchor.current != null) {
      const offset = offsetOf(anchor.current.key);
      if (offset != null && Math.abs(element.scrollTop - (offset - anchor.current.delta)) > 1) {
        element.scrollTop = offset - anchor.current.delta;
      }
    }
  });

  const onScroll = () => {
    const element = scroller.current!;
    atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 40;
    let index = 0;
    while (index < items.length - 1 && offsets[index + 1]! <= element.scrollTop) index++;
    const item = items[index];
    anchor.current = item == null ? null : { key: keyOf(item), delta: offsets[index]! - element.scrollTop };
    setView({ top: element.scrollTop, height: element.clientHeight });
    if (element.scrollTop < 300) onNearTop();
  };

  return (
    <div class="vlist" ref={scroller} onScroll={onScroll} role="log" aria-label={label} tabIndex={0}>
      <div class="vlist-space" style={{ height: `${total}px` }}>
        {items.slice(first, last + 1).map((item, i) => (
          <div class="vitem" key={keyOf(item)} data-vkey={keyOf(item)} style={{ transform: `translateY(${offsets[first + i]}px)` }}>
            {render(item)}
          </div>
        ))}
      </div>
      {footer}
    </div>
  );
}
