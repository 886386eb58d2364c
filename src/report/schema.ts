/**
 * The report's shape as a zod schema (SPEC §7), from which `schema/report.schema.json` is generated
 * (scripts/gen-schemas.mjs) along with `schema/config.schema.json`. The CLI never loads this module:
 * it exists for the shipped JSON Schemas and for tests that validate every report they produce.
 */
import { z } from 'zod';
import { configSchema } from '../config.js';
import { rules } from '../rules/index.js';
import { t } from '../i18n/index.js';
import { ACTIONS, CATEGORIES, FAIL_ON, LANGS, SEVERITIES, SOURCES } from '../types.js';
import { AGE_BUCKETS, SCHEMA_VERSION, type ReportDocument, type ReportFinding } from './model.js';
import type { Totals, Verdict } from './combined.js';

const count = z.number().int().min(0);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('A calendar day, YYYY-MM-DD.');
const ruleId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).describe('A rule id (kebab-case); `cnil-audit explain <id>` explains it.');

/** An object with exactly these keys, each a count (Record<Severity, number> and the like). */
function countsOf<K extends string>(keys: readonly K[]) {
  return z.strictObject(Object.fromEntries(keys.map((k) => [k, count])) as Record<K, typeof count>);
}

const reference = z.strictObject({ label: z.string(), url: z.string() });

const finding = z.strictObject({
  rule: ruleId,
  severity: z.enum(SEVERITIES),
  line: z.number().int().min(1).describe('1-based physical line where the row starts; the header is line 1.'),
  id: z.string().optional().describe("The row's `id` field, when mapped and shaped like an identifier (never an e-mail, a phone, a name or a date: src/mask.ts isCarriedId)."),
  field: z.string().optional().describe('Canonical field or column name the finding is about.'),
  action: z.enum(ACTIONS).describe('What the cleaned file does about it.'),
  messageId: z.string().regex(/^[A-Za-z0-9]+$/).describe('Which message of the rule this is (catalogue key `rule.<rule>.<messageId>`): tells two messages of one rule apart without reading prose.'),
  params: z.record(z.string(), z.union([z.string(), z.number()])).describe('The message\'s parameters, as codes (channel `phone`, category `regular_contact`, duration `3y`); never a personal value.'),
  message: z.string().describe("The message in the report's language (options.lang), worded from messageId and params."),
  value: z.string().optional().describe('Masked value, only with --show-values.'),
});

const rule = z.strictObject({
  title: z.string().describe("The rule's title in the report's language."),
  severity: z.enum(SEVERITIES).describe('As applied in this run (config can re-level a rule).'),
  action: z.enum(ACTIONS).describe('As applied in this run (purge only flags most rules).'),
  references: z.array(reference).readonly().describe('Legal sources: text and URL.'),
});

const ageHistogram = z.strictObject({
  months: z.array(count).length(AGE_BUCKETS).describe(`months[i]: rows whose last contact is i whole months before asOf; the last bucket also holds older rows.`),
  future: count.describe('Rows whose last contact is after asOf.'),
  unknown: count.describe('Rows with no readable last_contact_at.'),
});

const purge = z.strictObject({
  salt: z.string().optional(),
  log: z.string().optional(),
  keyFingerprint: z.string().regex(/^[0-9a-f]{16}$/).optional().describe('Fingerprint of the key of the purge log\'s hashes (never the key).'),
  suppressionList: z.strictObject({ path: z.string(), added: count }).optional(),
  unidentified: count.optional(),
  byReason: z.record(z.string(), count),
  byCategory: z.record(z.string(), count),
  retention: z.record(
    z.string(),
    z.strictObject({
      duration: z.string().describe('Duration code, e.g. "3y", "2m", "0d".'),
      basis: z.enum(['default', 'config', 'config-only', 'member']).describe('Where the duration comes from: the default (its source in the message), the config over a default, the config alone, or the membership (a member has no duration).'),
      messageId: z.string().describe('Message catalogue id saying where the duration comes from.'),
      params: z.record(z.string(), z.string()).describe('Parameters of the message (codes, e.g. the default duration).'),
    }),
  ).describe('Retention applied per category.'),
});

export const reportSchema = z
  .strictObject({
    schemaVersion: z.literal(SCHEMA_VERSION),
    tool: z.strictObject({ name: z.string(), version: z.string() }),
    command: z.enum(['scan', 'purge']),
    generatedAt: z.iso.datetime(),
    asOf: day.describe('Reference date for retention (--as-of).'),
    options: z.strictObject({
      for: z.array(z.string()).describe('Channels the cleaned file was checked for (--for or config).'),
      electionDate: day.nullable(),
      failOn: z.string(),
      lang: z.enum(LANGS),
      dryRun: z.boolean(),
      retention: z.record(z.string(), z.string()).optional().describe('Retention per category as applied.'),
    }),
    input: z.strictObject({
      path: z.string(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      encoding: z.string(),
      bom: z.boolean(),
      delimiter: z.string(),
      rows: count.describe('Data rows read (rows_in).'),
      columns: count,
      mapping: z.record(z.string(), z.string()).describe('Canonical field → column name.'),
      unmapped: z.array(z.string()).describe('Columns passed through unchanged.'),
      workbook: z
        .strictObject({
          format: z.literal('xlsx'),
          sheet: z.string().describe('The sheet read.'),
          headerRow: count.describe('Row of the sheet holding the header; `line` in findings is the sheet row.'),
          subHeaderRow: count.optional().describe('A second header row right below the header (sub-headers), joined to its names and not read as data.'),
          sheets: z.array(z.string()).describe('Every sheet of the workbook, in order.'),
          otherCandidates: z.array(z.string()).describe('Other visible sheets with a recognisable header, not read.'),
        })
        .optional()
        .describe('Present when the input is a workbook (.xlsx).'),
      profile: z.string().nullable().optional().describe('Export profile used (--profile, or recognised from the header and file name), or null.'),
      profileOrigin: z.enum(['file-name', 'header', 'forced']).optional(),
      wholeFileSource: z.strictObject({ value: z.string(), from: z.enum(['option', 'profile']), rows: count })
        .optional().describe('Whole-file source (--source, or the profile\'s) and the rows it was used on.'),
      dateOrder: z.record(z.string(), z.strictObject({ order: z.enum(['dmy', 'mdy']), by: z.enum(['option', 'values', 'profile', 'locale']) }))
        .optional().describe('Order of day and month per date column, and what decided it.'),
      notUnderstood: z.array(z.string()).optional().describe('Columns nothing reads: not mapped, not read by the export profile, the classifier or a rule.'),
      headerLine: z.number().int().min(2).optional().describe('Physical line of the header when lines came before it.'),
      notices: z.array(z.strictObject({ id: z.string(), params: z.record(z.string(), z.string()).describe('Message parameters (column names, option values; never personal data).'), message: z.string() }))
        .optional().describe('File-level notices: what the run could not settle from the file.'),
    }),
    output: z.strictObject({
      path: z.string().nullable().describe('The cleaned file; null on a dry run.'),
      rows: count.describe('Rows kept (rows_kept).'),
      droppedRows: count.describe('Rows dropped (rows_dropped); rows = kept + dropped.'),
      scrubbedColumns: z.array(z.string()),
      encoding: z.string(),
    }),
    summary: z.strictObject({
      bySeverity: countsOf(SEVERITIES),
      byRule: z.record(ruleId, count),
      bySource: countsOf(SOURCES),
      byCategory: countsOf(CATEGORIES),
      rowsWithFindings: count,
      remainingBySeverity: countsOf(SEVERITIES).describe('Findings on the rows kept in the output, by severity.'),
      channelsChecked: z.boolean(),
      lastContactAges: ageHistogram.optional(),
    }),
    rules: z.record(ruleId, rule).describe('Each rule with findings in this report, once: its metadata and legal references.'),
    findings: z.array(finding).describe('At most 10,000 per rule; summary.byRule counts them all.'),
    truncated: z.boolean().describe('Whether some findings were counted but not listed.'),
    purge: purge.optional(),
  })
  .describe('cnil-audit report (schemaVersion 2)');

// Compile-time guard against drift: the schema and the report's JSON document accept the same objects.
type Inferred = z.infer<typeof reportSchema>;
type Assignable<A extends B, B> = A;
/** The JSON document: the core report plus what the JSON writer words (titles, messages). */
type JsonDocument = Omit<ReportDocument, 'findings' | 'rules'> & {
  rules: Record<string, ReportDocument['rules'][string] & { title: string }>;
  findings: (ReportFinding & { message: string })[];
};
export type ReportMatchesSchema = [Assignable<JsonDocument, Inferred>, Assignable<Inferred, JsonDocument>];

/**
 * Several inputs in one JSON document (issue 14: `--format json` or `-r x.json` with several inputs):
 * the totals, the run's verdict, and each input's report as `report.schema.json` describes it.
 */
export const reportSetSchema = z
  .strictObject({
    schemaVersion: z.literal(SCHEMA_VERSION),
    summary: z.strictObject({
      files: count.describe('Inputs read (each has its report in `files`).'),
      rows: count.describe('Data rows read, over every input.'),
      kept: count,
      dropped: count,
      bySeverity: countsOf(SEVERITIES),
      byRule: z.record(ruleId, count),
    }),
    verdict: z.strictObject({
      exitCode: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(130)]).describe('0: pass; 1: findings at or above failOn, or more warnings than maxWarnings; 2: an input could not be read; 130: interrupted (the reports of the inputs finished before).'),
      failOn: z.enum(FAIL_ON),
      atOrAbove: count.describe('Findings at or above failOn (a purge counts what stays in the purged file).'),
      warnings: count,
      maxWarnings: count.nullable().describe('--max-warnings, or null.'),
      unreadable: z.array(z.strictObject({ path: z.string(), code: z.string(), message: z.string().describe("The error's one line, in the report's language.") })).describe('Inputs that could not be audited.'),
      message: z.string().describe("The verdict in one line, in the report's language."),
    }),
    files: z.array(reportSchema).describe('Each input\'s report, in the order of the inputs.'),
  })
  .describe('cnil-audit report of several inputs (schemaVersion 2)');

type SetInferred = z.infer<typeof reportSetSchema>;
type SetHead = { schemaVersion: typeof SCHEMA_VERSION; summary: Totals; verdict: Verdict & { message: string } };
export type ReportSetMatchesSchema = [
  Assignable<SetHead, Omit<SetInferred, 'files'>>,
  Assignable<Omit<SetInferred, 'files'>, SetHead>,
  Assignable<JsonDocument[], SetInferred['files']>,
];

type JsonSchema = { [key: string]: unknown };

/**
 * Editors complete object keys from `properties`, not from `propertyNames`: list each allowed key of
 * an enum-keyed record (mapping fields, retention categories) as a property of its own.
 */
function listEnumKeys(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(listEnumKeys);
  if (!node || typeof node !== 'object') return;
  const o = node as JsonSchema;
  const names = (o.propertyNames as JsonSchema | undefined)?.enum;
  if (Array.isArray(names) && o.additionalProperties && typeof o.additionalProperties === 'object' && !o.properties) {
    o.properties = Object.fromEntries(names.map((k) => [k, o.additionalProperties]));
  }
  Object.values(o).forEach(listEnumKeys);
}

/** The JSON Schemas shipped in `schema/`, by file name. */
export function jsonSchemas(): Record<'config.schema.json' | 'report.schema.json' | 'report-set.schema.json', JsonSchema> {
  const config = z.toJSONSchema(configSchema, { io: 'input' }) as JsonSchema;
  listEnumKeys(config);
  // Rule ids are known only to the registry: list them so editors complete and explain them.
  const ruleLevels = (config.properties as Record<string, JsonSchema>).rules;
  const level = ruleLevels.additionalProperties as JsonSchema;
  ruleLevels.propertyNames = { type: 'string', enum: rules.map((r) => r.id) };
  ruleLevels.properties = Object.fromEntries(
    rules.map((r) => [r.id, { ...level, description: `${t('en', `rule.${r.id}.title`)} (default: ${r.severity})` }]),
  );
  const report = z.toJSONSchema(reportSchema) as JsonSchema;
  const reportSet = z.toJSONSchema(reportSetSchema) as JsonSchema;
  return {
    'config.schema.json': { ...config, title: 'cnil-audit configuration (cnil-audit.config.json)' },
    'report.schema.json': { ...report, title: 'cnil-audit report' },
    'report-set.schema.json': { ...reportSet, title: 'cnil-audit report of several inputs' },
  };
}

/** A schema file's exact text: two-space JSON and a final newline. */
export function schemaText(schema: object): string {
  return JSON.stringify(schema, null, 2) + '\n';
}
