/** Channel sets interned by bit mask: rows share them, nothing is allocated per row. */
import { CHANNELS, type Channel } from './types.js';

export const BIT: Record<Channel, number> = Object.fromEntries(CHANNELS.map((c, i) => [c, 1 << i])) as Record<Channel, number>;
export const ALL = (1 << CHANNELS.length) - 1;
export const SETS: readonly ReadonlySet<Channel>[] = Array.from({ length: ALL + 1 }, (_, m) => new Set(CHANNELS.filter((c) => m & BIT[c])));
export const maskOf = (channels: Iterable<Channel>): number => {
  let m = 0;
  for (const c of channels) m |= BIT[c];
  return m;
};
