/**
 * The CLI's full collection on long inputs (src/cli/collect.ts): once per span of bytes read, never
 * more, and without giving the program a global `gc`.
 */
import { describe, expect, it } from 'vitest';
import { collectAsRead } from '../src/cli/collect.js';

describe('collectAsRead', () => {
  it('collects once each time the bytes read pass the next span', () => {
    const collect = collectAsRead(100);
    const at = [0, 50, 99, 100, 150, 199, 260, 261, 400, 1000].map((b) => collect(b));
    // 100 → next at 200; 260 → next at 360; 400 → next at 500; 1000.
    expect(at).toEqual([false, false, false, true, false, false, true, false, true, true]);
  });

  it('leaves the global object without a gc function', () => {
    collectAsRead(1)(1);
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
  });

  it('frees old-generation garbage when it runs', () => {
    const { heapUsed: before } = process.memoryUsage();
    // About 40 MB of strings that survive long enough to be promoted, then dropped.
    let keep: string[] = [];
    for (let i = 0; i < 400_000; i++) keep.push(`row ${i} `.repeat(10));
    keep = [];
    expect(keep.length).toBe(0);
    expect(collectAsRead(1)(1)).toBe(true);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(20 * 1024 * 1024);
  });
});
