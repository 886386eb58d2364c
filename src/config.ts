/**
 * Configuration (SPEC §6): `cnil-audit.config.json`, validated with zod. The JSON Schema shipped in
 * `schema/config.schema.json` is generated from `configSchema` (scripts/gen-schemas.ts).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { AuditError } from './errors.js';
import { CATEGORIES, CHANNELS, FIELDS, LANGS, SOURCES } from './types.js';
import { DURATION_PATTERN, parseDate } from './read/values.js';
import { PROFILE_NAMES } from './vocabulary/exports/index.js';

const duration = z
  .string()
  .regex(DURATION_PATTERN, { message: 'expected a duration like "3y", "36m", "2m", "90d" or "2w"' });

const date = z.string().refine((s) => typeof parseDate(s) === 'number', {
  message: 'expected a date like "2026-03-22" or "22/03/2026"',
});

const level = z.enum(['off', 'error', 'warning', 'info']);

export const configSchema = z
  .object({
    $schema: z.string().optional(),
    mapping: z
      .partialRecord(z.enum(FIELDS), z.string().min(1))
      .optional()
      .describe('Canonical field → column name in the export. Overrides the alias table.'),
    vocabulary: z
      .object({
        sources: z.partialRecord(z.enum(SOURCES), z.array(z.string().min(1))).optional()
          .describe('Extra words (case- and accent-insensitive substrings) that mark each source.'),
        networks: z.record(z.string(), z.array(z.string().min(1))).optional()
          .describe('Extra social networks: name → words that name it.'),
        booleans: z.object({ true: z.array(z.string()).optional(), false: z.array(z.string()).optional() }).strict().optional(),
      })
      .strict()
      .optional(),
    retention: z
      .partialRecord(z.enum(CATEGORIES), duration)
      .optional()
      .describe('Retention per category, e.g. { "regular_contact": "3y", "occasional_contact": "2m" }.'),
    retentionBySource: z
      .partialRecord(z.enum(SOURCES), z.partialRecord(z.enum(['occasional_contact', 'prospect']), duration))
      .optional()
      .describe('Retention of occasional contacts and prospects per source, e.g. { "web_form": { "occasional_contact": "1m" } }: NS 34 says the two months "devrait être raccourci" for data collected online.'),
    electionDate: date.optional().describe('Date of the election / end of the operation the file serves.'),
    secondRoundDate: date.optional().describe('Date of a second round: voters are kept until then.'),
    rules: z
      .record(z.string(), level)
      .optional()
      .describe('Per rule: "off", or a severity override ("error", "warning", "info").'),
    profiling: z
      .object({
        add: z.array(z.string().min(1)).optional().describe('Extra header patterns (case-insensitive regular expressions) marking profiling columns.'),
        allow: z.array(z.string().min(1)).optional().describe('Column names that must not be treated as profiling or sensitive.'),
      })
      .strict()
      .optional(),
    for: z.array(z.enum(CHANNELS)).optional().describe('Default intended channels (like --for).'),
    suppressionList: z
      .string()
      .min(1)
      .optional()
      .describe('Suppression list kept by the campaign (relative to this file): purge adds the people who objected (like --suppression-list), scan drops the rows found on it (like --suppress). A list not written yet counts as empty.'),
    lang: z.enum(LANGS).optional(),
    profile: z.enum(['none', ...PROFILE_NAMES] as [string, ...string[]]).optional()
      .describe('Export profile of the files (like --profile): a tool\'s name, or "none" to read them with no profile. Default: recognised from the header.'),
    source: z.string().min(1).optional()
      .describe('Whole-file source (like --source): the origin of every row with no source cell, e.g. "web_form", "electoral_list", "Porte-à-porte".'),
    dateOrder: z.enum(['dmy', 'mdy']).optional()
      .describe('Order of day and month in slash dates (like --date-order). Default: decided per column from its values, then the export profile, then the locale.'),
    limits: z
      .object({
        maxRecordSize: z.number().int().positive().optional().describe('Largest row, in characters.'),
        maxColumns: z.number().int().positive().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;

/** Validates a parsed config object; throws E_CONFIG with the zod path and a plain message. */
export function validateConfig(data: unknown, file?: string): Config {
  const r = configSchema.safeParse(data);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = issue.path.length ? issue.path.join('.') : '(root)';
  throw new AuditError('E_CONFIG', { path, detail: issue.message }, { file });
}

/** Reads and validates a config file. */
export function loadConfig(file: string): Config {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new AuditError('E_INPUT_UNREADABLE', { detail: (e as NodeJS.ErrnoException).code ?? String(e) }, { file });
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new AuditError('E_CONFIG', { path: '(json)', detail: (e as Error).message }, { file });
  }
  const config = validateConfig(data, file);
  // Paths in the config are relative to the config file, wherever the command runs from.
  if (config.suppressionList) config.suppressionList = resolve(dirname(file), config.suppressionList);
  return config;
}
