import type { Catalogue } from './index.js';

/**
 * Messages added with report schema v2 and the CLI in one language (issue 14): words for codes, help
 * texts, commander's usage errors, totals over several files, CI formats. Same keys as `cli-fr.ts`.
 */
export const cliEn: Catalogue = {
  'words.channel.email': 'email',
  'words.channel.sms': 'SMS',
  'words.channel.automated_call': 'automated calls',
  'words.channel.phone': 'phone',
  'words.channel.post': 'post',
  'words.channel.social': 'social networks',
  'words.channel.door': 'door-to-door',
  'words.channel.ads': 'political ads',

  'verdict.title': 'cnil-audit scan — {files} files',
  'verdict.titlePurge': 'cnil-audit purge — {files} files',
  'verdict.total': 'Total: {files} file(s), {rows} rows read, {kept} kept, {dropped} dropped; {errors} error(s), {warnings} warning(s), {infos} note(s).',
  'verdict.pass': 'Exit 0: no finding at or above "{level}".',
  'verdict.passNever': 'Exit 0: --fail-on never.',
  'verdict.maxWarnings': 'Exit 1: {count} warning(s), more than --max-warnings {max}.',
  'verdict.unreadable': 'Exit 2: {count} file(s) could not be read.',
  'github.more': '{count} more finding(s) of {rule} ({title}) not annotated here; the report lists them',
  'usage.combinedFormat': '--report {path}: with several inputs, one report holds them all as .json, .md, .html or .sarif only; use --out-dir for one .{ext} report per input',
  'usage.maxWarnings': '--max-warnings: "{value}" is not a whole number (0 or more)',
  'usage.outputDelimiter': '--output-delimiter: "{value}" is not one character (or tab, comma, semicolon, pipe)',
  'config.several': 'invalid configuration, {count} problems: {list}',
  'config.issue': '{path}: {detail}',
  'config.separator': '; ',
  'config.duration': 'expected a duration like "3y", "36m", "2m", "90d" or "2w"',
  'config.date': 'expected a date like "2026-03-22" or "22/03/2026"',
  'config.retentionMaximum': 'longer than the two months NS 34 allows at most for occasional contacts and prospects ("délai maximal de deux mois"): retentionBySource only shortens them; use 2m or less (e.g. "1m", "30d")',
  'config.unknownKeys': 'unknown key(s) {keys}',
  'config.oneOf': 'expected one of {values}',
  'config.type': 'expected {expected}',
  'config.type.string': 'text',
  'config.type.number': 'a number',
  'config.type.boolean': 'true or false',
  'config.type.object': 'an object { … }',
  'config.type.array': 'a list [ … ]',
  'config.tooSmall': 'too small (at least {minimum})',
  'config.invalidKey': 'unknown key',
  'config.invalid': 'invalid value',
  'config.other': '{detail}',
  'explain.didYouMean': 'unknown rule "{id}"; did you mean {suggestion}? (cnil-audit rules lists them all)',
};
