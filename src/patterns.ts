/**
 * Profiling, sensitive and political-opinion columns, recognised by header pattern (SPEC §3). The
 * patterns are in src/vocabulary/columns.ts, each with a test (test/patterns.test.ts); this file matches.
 */
import type { ColumnKind, DetectedColumn } from './types.js';
import type { Config } from './config.js';
import { configError, regexIssues } from './config-issues.js';
import { normalizeHeader } from './mapping.js';
import { termKey } from './text.js';

import { COLUMN_PATTERNS, type ColumnPattern } from './vocabulary/columns.js';

export { COLUMN_PATTERNS, type ColumnPattern };

/** Header → the text the patterns see: "Centres d’Intérêt" → "centres d interet", "deviceId" → "device id". */
export function normalizeForPattern(header: string): string {
  return termKey(header.replace(/([a-z0-9])([A-Z])/g, '$1 $2'));
}

/** The first pattern of the table a header matches, or undefined. */
export function matchColumn(header: string): ColumnPattern | undefined {
  const text = normalizeForPattern(header);
  if (text === '') return undefined;
  return COLUMN_PATTERNS.find((p) => p.pattern.test(text));
}

/**
 * Columns of a header recognised as political opinion, sensitive or profiling data. Columns mapped to
 * a canonical field (`skip`) are never flagged; `config.profiling.allow` names columns that must not
 * be; `config.profiling.add` adds case-insensitive regular expressions marking profiling columns,
 * tried on the raw header and on its normalised form.
 */
export function detectColumns(header: string[], config: Config, skip: ReadonlySet<number>): DetectedColumn[] {
  const allow = new Set((config.profiling?.allow ?? []).map(normalizeHeader));
  // validateConfig reports a bad pattern with every other problem; a config given to the library unchecked too.
  const issues = regexIssues(config.profiling?.add);
  if (issues.length) throw configError(issues);
  const extra = (config.profiling?.add ?? []).map((source) => ({ source, re: new RegExp(source, 'i') }));
  const out: DetectedColumn[] = [];
  header.forEach((name, index) => {
    if (skip.has(index) || allow.has(normalizeHeader(name))) return;
    const hit = matchColumn(name);
    if (hit) {
      out.push({ index, name, kind: hit.kind, pattern: hit.id });
      return;
    }
    const text = normalizeForPattern(name);
    const added = extra.find((x) => x.re.test(name) || x.re.test(text));
    if (added) out.push({ index, name, kind: 'profiling', pattern: `config:${added.source}` });
  });
  return out;
}

const byKind = new WeakMap<readonly DetectedColumn[], Map<string, readonly DetectedColumn[]>>();

/** The detected columns of some kinds, computed once per file (rules call this on every row). */
let lastDetected: readonly DetectedColumn[] | undefined;
let lastCache: Map<string, readonly DetectedColumn[]> | undefined;
export function columnsOfKind(detected: readonly DetectedColumn[], ...kinds: ColumnKind[]): readonly DetectedColumn[] {
  let cache = detected === lastDetected ? lastCache : byKind.get(detected);
  if (!cache) byKind.set(detected, (cache = new Map()));
  lastDetected = detected;
  lastCache = cache;
  const key = kinds.length === 1 ? kinds[0] : kinds.join(',');
  let cols = cache.get(key);
  if (!cols) cache.set(key, (cols = detected.filter((d) => kinds.includes(d.kind))));
  return cols;
}
