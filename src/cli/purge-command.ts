/**
 * `cnil-audit purge` (issue #4): the DPO's retention purge, on the shared scan driver in `purge` mode,
 * plus the purge part of the terminal summary. Also `scan --suppress`, which reads the suppression list
 * a purge writes.
 */
import type { FindingList } from '../report/findings.js';
import { Chalk, type ChalkInstance } from 'chalk';
import { dirname, join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import type { CliIO } from './io.js';
import { colorEnabled, reportError, type CommonOptions } from './main.js';
import { runScan, type Extra } from './scan-command.js';
import { AuditError, usageError } from '../errors.js';
import { detectLang, t } from '../i18n/index.js';
import { categoryWord, durationWords } from '../i18n/words.js';
import { dayOf, formatDay } from '../read/values.js';
import { resolveDate, stemOf, type ScanOptions, type ScanResult } from '../scan.js';
import { assertNotInput } from '../write/atomic.js';
import { PurgeRun, SuppressionList, generateSalt, parseSalt, retentionApplied, saltFingerprint } from '../purge.js';
import type { Field, Lang } from '../types.js';

export interface PurgeOptions extends CommonOptions {
  log?: string;
  salt?: string;
  suppressionList?: string;
  suppress?: string;
}

/** Default output names beside the input (or in --out-dir), dated by --as-of so monthly runs do not overwrite each other's log. */
export function purgeDefaults(input: string, outDir: string | undefined, asOf: string) {
  const dir = outDir ?? (input === '-' ? '.' : dirname(input));
  const stem = input === '-' ? 'stdin' : stemOf(input);
  return {
    out: join(dir, `${stem}.purged.csv`),
    report: join(dir, `${stem}.purge-report-${asOf}.json`),
    log: join(dir, `${stem}.purge-log-${asOf}.csv`),
  };
}

/** The --as-of day as scanFile will read it (today when absent). */
function asOfDay(value: string | undefined, now: () => number): string {
  return formatDay(resolveDate(value, '--as-of') ?? dayOf(now()));
}

/**
 * `--suppress`: its resolved path, and a loader that reads it once, at the first file (so a bad list
 * is reported like any input error).
 */
function suppressOption(value: string | undefined, cwd: string): { path?: string; load: () => SuppressionList | undefined } {
  const path = value ? resolve(cwd, value) : undefined;
  let list: SuppressionList | undefined;
  return { path, load: () => (path ? (list ??= SuppressionList.read(path)) : undefined) };
}

export async function runPurge(files: string[], opts: PurgeOptions, io: CliIO): Promise<number> {
  let salt: string;
  try {
    if (files.length > 1 && opts.log) throw usageError('logSeveral');
    // Writing the purged rows elsewhere would undo the purge.
    if (opts.rejects) throw usageError('purgeRejects');
    salt = opts.salt !== undefined ? parseSalt(opts.salt) : generateSalt();
  } catch (e) {
    return reportError(io, (opts.lang as Lang | undefined) ?? detectLang(io.env), e);
  }
  const now = io.now ?? Date.now;
  const purgedAt = new Date(now()).toISOString();
  const suppress = suppressOption(opts.suppress, io.cwd);
  const runs = new Map<string, PurgeRun>();
  let lang: Lang = 'en';
  let saltShown = false;
  let logged = false;

  const extra: Extra = (_file, base) => {
    lang = base.lang ?? lang;
    const day = asOfDay(base.asOf, now);
    const defaults = purgeDefaults(base.input, base.outDir, day);
    const inputPath = base.input === '-' ? undefined : base.input;
    let suppression: ConstructorParameters<typeof PurgeRun>[0]['suppression'];
    // The option, else the list the config keeps (issue #4: objections are honoured by deletion from
    // the contact file, and kept, hashed, on the campaign's suppression list when it has one).
    const path = opts.suppressionList ? resolve(io.cwd, opts.suppressionList) : base.config?.suppressionList;
    if (path) {
      // Checked before reading, so the input is never mistaken for a list (nor overwritten).
      assertNotInput(path, inputPath, 'the suppression list');
      suppression = { path, list: opts.suppressionList ? SuppressionList.read(path, true) : readConfiguredList(path), addedOn: day };
    }
    const run = new PurgeRun({
      lang: base.lang ?? 'en',
      salt,
      saltGiven: opts.salt !== undefined,
      purgedAt,
      dryRun: !!base.dryRun,
      log: opts.log ? resolve(io.cwd, opts.log) : defaults.log,
      suppression,
      retention: retentionApplied(base.config, base.lang ?? 'en'),
    });
    runs.set(base.input, run);
    const lists = [suppress.load(), suppression?.list].filter((l): l is SuppressionList => !!l && l.size > 0);
    const more: Partial<ScanOptions> = {
      // The list read by --suppress: no output over it (the list being extended is an output itself).
      readOnly: suppress.path && suppress.path !== suppression?.path ? [{ path: suppress.path, what: 'the suppression list' }] : [],
      out: base.out ?? defaults.out,
      reports: base.reports?.length ? base.reports : [defaults.report],
      sidecars: run.sidecars(),
      purge: () => {
        if (!run.opts.dryRun) logged = true;
        return run.section();
      },
    };
    // People already on a suppression list (--suppress, or the list being extended) go too.
    if (lists.length) more.isSuppressed = countingSuppression(lists, run);
    return more;
  };

  const chalk = new Chalk({ level: colorEnabled(opts, io, opts.out === '-' ? io.stderr : io.stdout) ? 1 : 0 });
  const afterEach = (result: ScanResult<FindingList>, l: Lang): string => {
    const run = runs.get(result.report.input.path);
    if (!run) return '';
    const text = renderPurgeSummary(result, run, l, chalk, !saltShown);
    if (!run.opts.dryRun) saltShown = true;
    return text;
  };
  const code = await runScan(files, opts, io, 'purge', extra, afterEach);
  // A generated salt that was never shown (--quiet, --format json) would make the log unprovable.
  if (logged && !saltShown && opts.salt === undefined) io.stderr.write(`cnil-audit: ${t(lang, 'purge.saltStderr', { salt })}\n`);
  return code;
}

function countingSuppression(lists: SuppressionList[], counter: { suppressed?: number }) {
  return (get: (field: Field) => string | undefined): boolean => {
    for (const list of lists) {
      if (list.matches(get)) {
        counter.suppressed = (counter.suppressed ?? 0) + 1;
        return true;
      }
    }
    return false;
  };
}

/**
 * The config's `suppressionList`: read if it exists, else empty (no purge has written it yet). Its
 * folder must exist: a mistyped path must not pass for an empty list and let every objector through.
 */
function readConfiguredList(path: string): SuppressionList {
  if (!existsSync(dirname(path))) throw new AuditError('E_INPUT_UNREADABLE', { detail: 'ENOENT' }, { file: path });
  return SuppressionList.read(path, true);
}

/**
 * `scan`, with `--suppress <file>` and/or the config's `suppressionList`: rows whose email or phone is
 * on either list carry an objection. A configured list that does not exist yet counts as empty (and the
 * summary says so); a list named by --suppress must exist. No output may be written over a list.
 */
export async function runScanWithSuppression(files: string[], opts: CommonOptions & { suppress?: string }, io: CliIO): Promise<number> {
  const suppress = suppressOption(opts.suppress, io.cwd);
  let configured: SuppressionList | undefined;
  const counters = new Map<string, { suppressed?: number; unwritten?: string }>();
  const extra: Extra = (_file, base) => {
    const lists: SuppressionList[] = [];
    const readOnly: NonNullable<ScanOptions['readOnly']> = [];
    const given = suppress.load();
    if (given) {
      lists.push(given);
      readOnly.push({ path: suppress.path!, what: 'the suppression list' });
    }
    const path = base.config?.suppressionList;
    let unwritten: string | undefined;
    if (path) {
      configured ??= readConfiguredList(path);
      lists.push(configured);
      readOnly.push({ path, what: 'the suppression list' });
      if (configured.text === undefined) unwritten = path;
    }
    if (!lists.length) return {};
    const counter: { suppressed?: number; unwritten?: string } = { unwritten };
    counters.set(base.input, counter);
    return { isSuppressed: countingSuppression(lists, counter), readOnly };
  };
  const afterEach = (result: ScanResult<FindingList>, lang: Lang) => {
    const counter = counters.get(result.report.input.path);
    if (!counter) return '';
    const lines = counter.unwritten ? [t(lang, 'purge.suppressUnwritten', { path: counter.unwritten })] : [];
    lines.push(t(lang, 'purge.suppressMatched', { count: counter.suppressed ?? 0 }));
    return lines.join('\n') + '\n';
  };
  return runScan(files, opts, io, 'scan', extra, afterEach);
}

/** The purge part of the terminal summary: what a DPO files with the log (issue #4). */
export function renderPurgeSummary(result: ScanResult<FindingList>, run: PurgeRun, lang: Lang, c: ChalkInstance, showSalt: boolean): string {
  const r = result.report;
  const L = (id: string, params?: Record<string, string | number>) => t(lang, `purge.${id}`, params);
  const lines: string[] = ['', c.bold(L('title', { asOf: r.asOf }))];
  lines.push(L('inputHash', { sha256: r.input.sha256 }));
  lines.push(L(run.opts.dryRun ? 'countsDry' : 'counts', { rowsIn: r.input.rows, kept: r.output.rows, purged: run.purged }));
  const table = (title: string, counts: Record<string, number>, label?: (k: string) => string) => {
    const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
    if (!entries.length) return;
    lines.push(title);
    const width = Math.max(...entries.map(([k]) => k.length));
    for (const [k, n] of entries) lines.push(`  ${k.padEnd(width)}  ${String(n).padStart(7)}${label ? '  ' + c.dim(label(k)) : ''}`);
  };
  if (run.purged === 0) lines.push(c.green(L('none')));
  table(L('byReason'), run.byReason, (k) => t(lang, `rule.${k}.title`));
  table(L('byCategory'), run.byCategory, (k) => categoryWord(lang, k));
  if (run.suppressed) lines.push(L('suppressMatched', { count: run.suppressed }));
  lines.push(L('otherFindings'));

  lines.push('', L('retentionTitle'));
  const retention = Object.entries(r.purge?.retention ?? run.opts.retention);
  const width = Math.max(...retention.map(([k]) => k.length), 'member'.length);
  lines.push(`  ${'member'.padEnd(width)}  ${''.padEnd(Math.max(5, ...retention.map(([, { duration }]) => durationWords(lang, duration).length)))}  ${c.dim(L('retentionMember'))}`);
  // The duration in words ("3 ans"); the category by its config key, which `retention` uses.
  const durationWidth = Math.max(5, ...retention.map(([, { duration }]) => durationWords(lang, duration).length));
  for (const [category, { duration, source }] of retention) lines.push(`  ${category.padEnd(width)}  ${durationWords(lang, duration).padEnd(durationWidth)}  ${c.dim(source)}`);
  lines.push(r.options.electionDate ? L('electionDate', { date: r.options.electionDate }) : c.yellow(L('noElectionDate')));

  lines.push('');
  if (run.opts.dryRun) {
    lines.push(c.yellow(L('dryRunTitle')));
    for (const [rule, list] of run.lines) {
      lines.push(`  ${rule}: ${L('dryRunLines', { lines: list.toString() })}${list.more ? ' ' + L('dryRunMore', { count: list.more }) : ''}`);
    }
    if (run.opts.suppression) lines.push(L('suppressionDry', { path: run.opts.suppression.path, added: run.suppressionAdded }));
    return lines.join('\n') + '\n';
  }
  if (r.purge?.log) lines.push(L('log', { path: r.purge.log, count: run.purged }));
  if (run.unidentified) lines.push(c.yellow(L('unidentified', { count: run.unidentified })));
  if (run.opts.suppression) lines.push(L('suppression', { path: run.opts.suppression.path, added: run.suppressionAdded, total: run.opts.suppression.list.size }));
  const fingerprint = saltFingerprint(run.opts.salt);
  if (run.opts.saltGiven) lines.push(L('saltGiven', { fingerprint }));
  else if (showSalt) lines.push(c.bold(L('salt', { salt: run.opts.salt, fingerprint })), L('saltNote', { salt: run.opts.salt }));
  else lines.push(L('saltAbove', { fingerprint }));
  if (result.written.clean) lines.push(L('nextStep', { path: result.written.clean, input: r.input.path }));
  return lines.join('\n') + '\n';
}
