/** The closest of some names to a mistyped one (`explain retention-expred` → `retention-expired`). */

/** Edit distance (insertions, deletions, substitutions, adjacent swaps). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The name nearest to `typed`, when near enough to be a typo (at most a third of its length apart,
 * and at least 2), or one that starts or contains what was typed; else undefined.
 */
export function closest(typed: string, names: readonly string[]): string | undefined {
  const t = typed.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const n of names) {
    const d = editDistance(t, n);
    if (d < bestD) [best, bestD] = [n, d];
  }
  if (best !== undefined && bestD <= Math.max(2, Math.floor(t.length / 3))) return best;
  return t.length >= 3 ? names.find((n) => n.includes(t)) : undefined;
}
