import type { Catalogue } from './index.js';

/** English messages. Keys must match `fr.ts` exactly (checked by test/i18n.test.ts). */
export const en: Catalogue = {
  // Errors (exit 2): one line, after "file:line: ".
  'error.E_USAGE': '{detail}',
  'error.E_CONFIG': 'invalid configuration: {path}: {detail}',
  'error.E_INPUT_UNREADABLE': 'cannot read the file: {detail}',
  'error.E_INPUT_EMPTY': 'the file is empty: no header row',
  'error.E_INPUT_BINARY': 'this is not a text file (NUL byte at byte {offset}); export it as CSV',
  'error.E_ENCODING': 'undecodable bytes for encoding {encoding}; pass --encoding to choose another',
  'error.E_UNKNOWN_ENCODING': 'unknown encoding "{encoding}" (try utf-8, utf-16le, utf-16be, windows-1252)',
  'error.E_CSV_SYNTAX': 'CSV syntax error: {detail}',
  'error.E_HEADER_DUPLICATE': 'duplicate column name "{column}" (columns {first} and {second}); rename one or map it with --map',
  'error.E_HEADER_EMPTY': 'column {position} has no name; name it or map it with --map',
  'error.E_NO_CONTACT_COLUMN': 'no recognisable contact column (email, phone, address or name) among: {columns}; map one with --map field=column',
  'error.E_MAP_UNKNOWN_COLUMN': 'mapping {field}={column}: no column "{column}" in the header',
  'error.E_MAP_UNKNOWN_FIELD': 'mapping "{field}": unknown field (known: {fields})',
  'error.E_FIELD_TOO_LARGE': 'a field is larger than the limit of {limit} characters',
  'error.E_TOO_MANY_COLUMNS': '{count} columns, more than the limit of {limit}',
  'error.E_OUTPUT_IS_INPUT': 'refusing to write {what} onto the input file; choose another path',
  'error.E_OUTPUT_UNWRITABLE': 'cannot write {what}: {detail}',
  'error.E_INTERRUPTED': 'interrupted; no output was left behind',

  // Terminal summary.
  'summary.title': 'cnil-audit scan — {file}',
  'summary.titlePurge': 'cnil-audit purge — {file}',
  'summary.input': 'Input: {rows} rows, {columns} columns, {encoding}, delimiter {delimiter}',
  'summary.rows': 'Rows: {rowsIn} read, {kept} kept, {dropped} dropped ({withFindings} with findings)',
  'summary.findingsTitle': 'Findings by rule:',
  'summary.noFindings': 'No findings.',
  'summary.scrubbed': 'Columns removed from the cleaned file: {columns}',
  'summary.channelsNotChecked': 'Cross-channel use was not checked: no --for and no channel column.',
  'summary.channels': 'Checked for use on: {channels}',
  'summary.wroteClean': 'Cleaned file: {path}',
  'summary.wroteReport': 'Report: {path}',
  'summary.wroteRejects': 'Removed rows: {path} (contains personal data: protect or delete it)',
  'summary.dryRun': 'Dry run: no cleaned file written.',
  'summary.truncated': 'Some rules had more than {limit} findings: the report lists the first ones and counts all.',
  'summary.nextStepErrors': 'Next step: use the cleaned file, not the original, and review the report (cnil-audit explain <rule> tells why).',
  'summary.nextStepClean': 'Next step: the file can be used for the channels checked.',
  'summary.mapping': 'Columns mapped: {mapping}',
  'summary.unmapped': 'Columns not mapped (passed through): {columns}',
  'summary.failOn': 'Exit {code}: {count} finding(s) at or above "{level}".',
  'cli.rejectsWarning': 'warning: --rejects writes the removed rows, which contain personal data; protect or delete that file.',
  'cli.interrupted': 'interrupted; no output was left behind',
  'cli.progress': '{rows} rows ({rate} rows/s)',
  'cli.progressPercent': '{percent}% — {rows} rows ({rate} rows/s)',

  'md.asOf': 'As of',
  'md.generatedAt': 'Generated at',
  'md.byRule': 'Findings by rule',
  'md.count': 'count',
  'md.findings': 'Findings',
  'md.line': 'line',
  'md.severity': 'severity',

  'severity.error': 'error',
  'severity.warning': 'warning',
  'severity.info': 'info',
  'action.drop-row': 'row dropped',
  'action.scrub-field': 'field scrubbed',
  'action.flag': 'flagged',

  // Rules: title, description and finding messages (one key per message id a rule declares).
  'rule.malformed-row.title': 'Malformed row',
  'rule.malformed-row.description': 'The row does not have as many fields as the header.',
  'rule.malformed-row.fieldCount': 'the row has {count} fields, the header has {expected}',
  'rule.invalid-date.title': 'Invalid date',
  'rule.invalid-date.description': 'A date field cannot be read as a date; it is treated as unknown.',
  'rule.invalid-date.unparseable': 'the date in {field} cannot be read; treated as unknown',

  // --- source, consent and channel rules ---
  // --- end source, consent and channel rules ---

  // --- data-content and retention rules ---
  // --- end data-content and retention rules ---

  // --- reports (md, html, csv) and init ---
  // --- end reports and init ---

  // --- purge ---
  // --- end purge ---
};
