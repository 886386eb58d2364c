/**
 * Profiling, sensitive and political-opinion columns, recognised by header pattern (SPEC §3). The
 * match rules live in this one table, each pattern with a test (test/patterns.test.ts).
 */
import type { ColumnKind, DetectedColumn } from './types.js';
import type { Config } from './config.js';

export interface ColumnPattern {
  id: string;
  kind: ColumnKind;
  /** Matched against the header lower-cased, accents removed, punctuation turned into spaces. */
  pattern: RegExp;
}

export const COLUMN_PATTERNS: readonly ColumnPattern[] = [];

export function detectColumns(_header: string[], _config: Config, _skip: ReadonlySet<number>): DetectedColumn[] {
  return [];
}
