/**
 * Configuration (SPEC §6): `cnil-audit.config.json`, validated with zod. The JSON Schema shipped in
 * `schema/config.schema.json` is generated from `configSchema` (scripts/gen-schemas.ts).
 */
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { AuditError } from './errors.js';
import { readSmallFile } from './read/small-file.js';
import { configError, regexIssues, ruleIssues, type ConfigIssue } from './config-issues.js';
import { rules as allRules } from './rules/index.js';
import { CATEGORIES, CHANNELS, FIELDS, LANGS, SOURCES } from './types.js';
import { DURATION_PATTERN, parseDate } from './read/values.js';
import { PROFILE_NAMES } from './vocabulary/exports/index.js';
import { exceedsOccasionalMaximum } from './law/retention.js';

const duration = z
  .string()
  .regex(DURATION_PATTERN, { message: 'expected a duration like "3y", "36m", "2m", "90d" or "2w"' });

const date = z.string().refine((s) => typeof parseDate(s) === 'number', {
  message: 'expected a date like "2026-03-22" or "22/03/2026"',
});

const level = z.enum(['off', 'error', 'warning', 'info']);

const LONGER_THAN_NS34 = 'longer than the two months NS 34 allows at most for occasional contacts and prospects';
/** A per-source duration may only shorten NS 34's two months ("devrait être raccourci"), never lengthen them. */
const shorterDuration = duration.refine((s) => !exceedsOccasionalMaximum(s), { message: LONGER_THAN_NS34 });

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
      .partialRecord(z.enum(SOURCES), z.partialRecord(z.enum(['occasional_contact', 'prospect']), shorterDuration))
      .optional()
      .describe('Shorter retention of occasional contacts and prospects per source, e.g. { "social_occasional": { "occasional_contact": "1m" } }: NS 34 says the two months "devrait être raccourci" for data collected online ("réseaux sociaux, blogs, microblogging ou chat"); at most 2 months.'),
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
    keyFile: z
      .string()
      .min(1)
      .optional()
      .describe('Key file of the keyed hashes of the purge log and the suppression list (relative to this file; default cnil-audit.key beside it). Created 0600 on first use; keep it apart from the logs.'),
    lang: z.enum(LANGS).optional(),
    profile: z.enum(['none', ...PROFILE_NAMES] as [string, ...string[]]).optional()
      .describe('Export profile of the files (like --profile): a tool\'s name, or "none" to read them with no profile. Default: recognised from the header.'),
    source: z.string().min(1).optional()
      .describe('Whole-file source (like --source): the origin of every row with no source cell, e.g. "web_form", "electoral_list", "Porte-à-porte".'),
    dateOrder: z.enum(['dmy', 'mdy']).optional()
      .describe('Order of day and month in slash dates (like --date-order). Default: decided per column from its values, then the export profile, then the locale.'),
    headerRow: z.number().int().positive().optional()
      .describe('Physical line of the header row of the CSV files (like --header-row), when a title or notes come before it. Default: line 1 (LinkedIn\'s Notes: preamble and empty rows are skipped by themselves).'),
    strict: z.boolean().optional()
      .describe('Exit 2 when a file was not fully understood (like --strict): a column-not-understood finding or a notice about how the file was read.'),
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

/** One config problem as data: its path, a message id (`config.<id>`) and its parameters; worded at the edge. */
export type { ConfigIssue } from './config-issues.js';

const CUSTOM_MESSAGES: Record<string, string> = {
  'expected a duration like "3y", "36m", "2m", "90d" or "2w"': 'duration',
  'expected a date like "2026-03-22" or "22/03/2026"': 'date',
  [LONGER_THAN_NS34]: 'retentionMaximum',
};

/** A zod issue as data (src/i18n words it: `config.<id>`); what has no id keeps zod's own words. */
function configIssue(issue: z.core.$ZodIssue): ConfigIssue {
  // '' is the file itself (its top level), worded at the edge.
  const path = issue.path.join('.');
  const custom = CUSTOM_MESSAGES[issue.message];
  if (custom) return { path, id: custom, params: {} };
  switch (issue.code) {
    case 'unrecognized_keys':
      return { path, id: 'unknownKeys', params: { keys: issue.keys.join('\u0000') } };
    case 'invalid_value':
      return { path, id: 'oneOf', params: { values: issue.values.map(String).join('\u0000') } };
    case 'invalid_type':
      return { path, id: 'type', params: { expected: String(issue.expected) } };
    case 'too_small':
      // `positive()` is an exclusive minimum of 0: "at least 0" would be false.
      return { path, id: issue.inclusive === false ? 'greaterThan' : 'tooSmall', params: { minimum: Number(issue.minimum) } };
    case 'invalid_key':
      return { path, id: 'invalidKey', params: {} };
    default:
      return { path, id: 'other', params: { detail: issue.message } };
  }
}

/**
 * Validates a parsed config object; throws E_CONFIG naming every problem at once, each with its path
 * (`params.issues`, JSON of `ConfigIssue[]`, worded by the CLI): the schema's (zod), and what the
 * schema cannot say — an unknown rule id, a mandatory rule turned off, a `profiling.add` pattern that
 * is not a regular expression — checked on the same object, so one run lists them all.
 */
export function validateConfig(data: unknown, file?: string): Config {
  const r = configSchema.safeParse(data);
  const raw = (data && typeof data === 'object' ? data : {}) as { rules?: unknown; profiling?: { add?: unknown } };
  const issues: ConfigIssue[] = [
    ...(r.success ? [] : r.error.issues.map(configIssue)),
    ...ruleIssues(raw.rules, allRules),
    ...regexIssues(Array.isArray(raw.profiling?.add) ? raw.profiling.add : undefined),
  ];
  if (issues.length) throw configError(issues, file);
  return r.data!;
}

/** Line and column of a character position in a text (1-based). */
function lineColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position).split(/\r\n|\r|\n/);
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** Reads and validates a config file. */
export function loadConfig(file: string): Config {
  let text: string;
  try {
    // Not a FIFO or a device (issue #16): refused at once rather than read forever.
    text = readSmallFile(file, 'the config file');
  } catch (e) {
    if (e instanceof AuditError) throw e;
    throw new AuditError('E_INPUT_UNREADABLE', { detail: (e as NodeJS.ErrnoException).code ?? String(e) }, { file });
  }
  let data: unknown;
  const json = text.replace(/^\uFEFF/, '');
  try {
    data = JSON.parse(json);
  } catch (e) {
    // V8's words are English: only where it stopped is kept (its position, else the end of the text).
    const at = /position (\d+)/.exec((e as Error).message);
    throw configError([{ path: '', id: 'json', params: lineColumn(json, at ? Number(at[1]) : json.length) }], file);
  }
  const config = validateConfig(data, file);
  // Paths in the config are relative to the config file, wherever the command runs from.
  if (config.suppressionList) config.suppressionList = resolve(dirname(file), config.suppressionList);
  if (config.keyFile) config.keyFile = resolve(dirname(file), config.keyFile);
  return config;
}
