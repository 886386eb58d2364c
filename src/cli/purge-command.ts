/**
 * `cnil-audit purge` (issue #4): the DPO's retention purge, on the shared scan driver in `purge` mode,
 * plus the purge part of the terminal summary. Also `scan --suppress`, which reads the suppression list
 * a purge writes.
 */
import type { FindingList } from '../report/findings.js';
import { Chalk, type ChalkInstance } from 'chalk';
import { dirname, join, resolve } from 'node:path';
import { existsSync, unlinkSync } from 'node:fs';
import type { CliIO } from './io.js';
import { EXIT, colorEnabled, reportError, defaultLang } from './shared.js';
import type { CommonOptions } from './shared.js';
import { runScan, type Extra, type PlanExtra } from './scan-command.js';
import { keyAndLists } from '../plan.js';
import { AuditError, usageError } from '../errors.js';
import { t } from '../i18n/index.js';
import { escapeControls } from '../controls.js';
import { categoryWord, durationWords } from '../i18n/words.js';
import { formatDay } from '../read/values.js';
import { normalizeOptions } from '../options.js';
import { stemOf, type ScanOptions, type ScanResult } from '../scan.js';
import { isWorkbookFile } from '../write/xlsx-output.js';
import { assertNotInput, pendingTemp, realOrResolved, realTarget } from '../write/atomic.js';
import { PurgeRun, SuppressionList, parseSalt, retentionApplied, type SeverityCounts } from '../purge.js';
import { ephemeralKey, keyFilePath, loadKey, type HashKey } from '../keys.js';
import { countAtOrAbove, type AnyReport } from '../report/model.js';
import { retentionBasisText, retentionCategoryWord } from '../report/purge-section.js';
import type { FailOn, Field, Lang } from '../types.js';

export interface PurgeOptions extends CommonOptions {
  log?: string;
  /** Earlier versions' salt: accepted, ignored with a warning (hashes are keyed now). */
  salt?: string;
  keyFile?: string;
  failOnRemaining?: boolean;
  suppressionList?: string;
  suppress?: string;
}

/** Default output names beside the input (or in --out-dir), dated by --as-of so monthly runs do not overwrite each other's log. */
export function purgeDefaults(input: string, outDir: string | undefined, asOf: string) {
  const dir = outDir ?? (input === '-' ? '.' : dirname(input));
  const stem = input === '-' ? 'stdin' : stemOf(input);
  return {
    out: join(dir, `${stem}.purged${isWorkbookFile(input) ? '.xlsx' : '.csv'}`),
    report: join(dir, `${stem}.purge-report-${asOf}.json`),
    log: join(dir, `${stem}.purge-log-${asOf}.csv`),
  };
}

/** The --as-of day the run reads (today when absent), normalised once for the run (src/options.ts). */
function asOfDay(base: ScanOptions): string {
  return formatDay(normalizeOptions(base.options ?? base).asOf);
}

/**
 * `--suppress`: its resolved path, and a loader that reads it once, at the first file (so a bad list
 * is reported like any input error).
 */
function suppressOption(value: string | undefined, cwd: string, key: () => HashKey): { path?: string; load: () => SuppressionList | undefined } {
  const path = value ? resolve(cwd, value) : undefined;
  let list: SuppressionList | undefined;
  return { path, load: () => (path ? (list ??= SuppressionList.read(path, false, key)) : undefined) };
}

/** Where the key file is (issue #13): --key-file, else the config's keyFile, else beside the config, else here. */
export function resolveKeyPath(opts: { keyFile?: string; config?: string }, configured: string | undefined, cwd: string): string {
  const configDir = opts.config ? dirname(resolve(cwd, opts.config)) : cwd;
  return keyFilePath(opts.keyFile, configured, configDir, cwd);
}

/** The key, read once (created when `create` and missing; else a missing key is an error). */
export function keyLoader(path: () => string, create: boolean): (() => HashKey) & { peek(): HashKey | undefined } {
  let key: HashKey | undefined;
  return Object.assign(() => (key ??= loadKey(path(), create)), { peek: () => key });
}

export async function runPurge(files: string[], opts: PurgeOptions, io: CliIO): Promise<number> {
  try {
    if (files.length > 1 && opts.log) throw usageError('logSeveral');
    // Writing the purged rows elsewhere would undo the purge.
    if (opts.rejects) throw usageError('purgeRejects');
    // Earlier versions' salt: a salted log is still read by `verify --salt`; new hashes are keyed.
    if (opts.salt !== undefined) parseSalt(opts.salt);
  } catch (e) {
    return reportError(io, (opts.lang as Lang | undefined) ?? defaultLang(io), e);
  }
  const now = io.now ?? Date.now;
  const purgedAt = new Date(now()).toISOString();
  const runs = new Map<string, PurgeRun>();
  let lang: Lang = 'en';
  let keyPath = '';
  // Read at the first file, once the config is known: a missing key is created (0600) unless dry run.
  const stored = keyLoader(() => keyPath, !opts.dryRun);
  // A dry run hashes only in memory and must not create the key: a stand-in when there is none yet.
  let standIn: HashKey | undefined;
  const key = () => (opts.dryRun && !existsSync(keyPath) ? (standIn ??= ephemeralKey(keyPath)) : stored());
  const suppress = suppressOption(opts.suppress, io.cwd, key);
  let saltWarned = false;

  // The paths of one input's purge, read by the run plan before anything runs and by `extra`.
  const paths = (base: ScanOptions) => {
    keyPath ||= resolveKeyPath(opts, base.config?.keyFile, io.cwd);
    const day = asOfDay(base);
    const defaults = purgeDefaults(base.input, base.outDir, day);
    // The option, else the list the config keeps (issue #4: objections are honoured by deletion from
    // the contact file, and kept, hashed, on the campaign's suppression list when it has one).
    // Its real path (issue #16): a list named through a symlink is the shared file it links to, locked
    // and renamed over there, the link kept.
    const named = opts.suppressionList ? resolve(io.cwd, opts.suppressionList) : base.config?.suppressionList;
    const list = named ? realTarget(named) : undefined;
    const log = opts.log ? resolve(io.cwd, opts.log) : defaults.log;
    // The lists and the key the run reads: no output over them (the list being extended is an output itself).
    const readOnly = keyAndLists(keyPath, [suppress.path !== list ? suppress.path : undefined]);
    return { day, defaults, list, log, readOnly };
  };
  // The reports: those of -r; else the dated default, except on a dry run, which writes only what -r asks (issue 14).
  const reportsOf = (base: ScanOptions, fallback: string) => (base.reports?.length ? base.reports : base.dryRun ? [] : [fallback]);
  const planExtra: PlanExtra = (_file, base) => {
    const p = paths(base);
    const sidecars = [{ path: p.log, what: 'the purge log' }];
    if (p.list) sidecars.push({ path: p.list, what: 'the suppression list', extends: true } as (typeof sidecars)[number]);
    return { out: base.out ?? p.defaults.out, reports: reportsOf(base, p.defaults.report), readOnly: p.readOnly, sidecars };
  };

  const extra: Extra = (_file, base) => {
    lang = base.lang ?? lang;
    if (opts.salt !== undefined && !saltWarned && !opts.quiet) {
      saltWarned = true;
      io.stderr.write(`cnil-audit: ${t(lang, 'purge.saltIgnored')}\n`);
    }
    const { day, defaults, list: path, log, readOnly } = paths(base);
    const inputPath = base.input === '-' ? undefined : base.input;
    assertNotInput(keyPath, inputPath, 'the key file');
    let suppression: ConstructorParameters<typeof PurgeRun>[0]['suppression'];
    if (path) {
      // Checked before reading, so the input is never mistaken for a list (nor overwritten).
      assertNotInput(path, inputPath, 'the suppression list');
      suppression = { path, list: opts.suppressionList ? SuppressionList.read(path, true, key, pendingTemp(path)) : readConfiguredList(path, key), addedOn: day };
    }
    const run = new PurgeRun({
      lang: base.lang ?? 'en',
      key,
      purgedAt,
      dryRun: !!base.dryRun,
      log,
      suppression,
      retention: retentionApplied(base.config),
    });
    runs.set(base.input, run);
    const lists = [suppress.load(), suppression?.list].filter((l): l is SuppressionList => !!l && l.size > 0);
    const more: Partial<ScanOptions> = {
      readOnly,
      out: base.out ?? defaults.out,
      reports: reportsOf(base, defaults.report),
      sidecars: run.sidecars(),
      purge: () => run.section(),
    };
    // People already on a suppression list (--suppress, or the list being extended) go too.
    if (lists.length) more.isSuppressed = countingSuppression(lists, run);
    return more;
  };

  const chalk = new Chalk({ level: colorEnabled(opts, io, opts.out === '-' ? io.stderr : io.stdout) ? 1 : 0 });
  const afterEach = (result: ScanResult<FindingList>, l: Lang): string => {
    const run = runs.get(result.report.input.path);
    return run ? renderPurgeSummary(result, run, l, chalk) : '';
  };
  // The suppression list is read, extended and renamed over: one run at a time (issue #16), from
  // before the first read to after the last commit.
  const lockLists = async (bases: ScanOptions[], l: Lang) => {
    if (opts.dryRun) return undefined;
    const { acquireLock } = await import('../write/lock.js');
    const locks: { release(): void }[] = [];
    try {
      // The lists first, then the logs (erase takes them in the same order): a log that exists is
      // extended, never replaced (issue #13 audit: a second purge the same day emptied the day's log).
      const targets: [string, string][] = [
        ...[...new Set(bases.map((b) => paths(b).list).filter((p): p is string => !!p))].map((p): [string, string] => [p, 'the suppression list']),
        ...[...new Set(bases.map((b) => paths(b).log))].map((p): [string, string] => [p, 'the purge log']),
      ];
      for (const [target, what] of targets) {
        locks.push(await acquireLock(target, {
          what,
          signal: io.signal,
          onWait: ({ pid, path }) => {
            if (!opts.quiet) io.stderr.write(`cnil-audit: ${escapeControls(t(l, 'cli.lockWait', { path, pid }))}\n`);
          },
        }));
      }
    } catch (e) {
      for (const lock of locks) lock.release();
      throw e;
    }
    return () => { for (const lock of locks) lock.release(); };
  };
  const failCountOf = (report: AnyReport): number =>
    purgeFailCount(report, runs.get(report.input.path)?.remainingPurge, opts.failOn as FailOn, !!opts.failOnRemaining);
  // The key is created beside its folder's other files: a killed creation leaves its temp there.
  const writesAlso = (bases: ScanOptions[]) => (opts.dryRun ? [] : bases.slice(0, 1).map((b) => resolveKeyPath(opts, b.config?.keyFile, io.cwd)));
  const code = await runScan(files, opts, io, 'purge', extra, afterEach, planExtra, lockLists, failCountOf, writesAlso);
  // A key this run created stays only if a log made with it was committed (a failed stdout, issue #16,
  // commits nothing even after the rows were read).
  if (![...runs.values()].some((r) => r.opts.log && existsSync(r.opts.log))) forgetNewKey(stored);
  return code;
}

/** A key this run created, when no file was written with it (error, interruption): nothing is left behind. */
export function forgetNewKey(key: { peek(): HashKey | undefined }): void {
  const k = key.peek();
  if (!k?.created) return;
  try {
    unlinkSync(k.path);
  } catch {
    /* already gone */
  }
}

/**
 * What counts against --fail-on after a purge (issue #13: a monthly `set -e` job must not stop because a
 * finding the purge does not act on remains): the purge rules' findings at or above --fail-on left on
 * kept rows (a retention the purge could not decide, say), or, with --fail-on-remaining, every finding.
 */
export function purgeFailCount(report: Pick<AnyReport, 'summary' | 'command'>, remainingPurge: SeverityCounts | undefined, failOn: FailOn, failOnRemaining: boolean): number {
  if (failOnRemaining) return countAtOrAbove(report, failOn);
  if (failOn === 'never' || !remainingPurge) return 0;
  return remainingPurge.error + (failOn === 'warning' ? remainingPurge.warning : 0);
}

function countingSuppression(lists: SuppressionList[], counter: { suppressed?: number }) {
  return (get: (field: Field) => string | undefined, values?: (kind: 'email' | 'phone') => string[]): boolean => {
    for (const list of lists) {
      // The mapped e-mail and phone, then every other column of those kinds (issue #16).
      const hit = list.matches(get) || (['email', 'phone'] as const).some((kind) =>
        (values?.(kind) ?? []).some((v) => list.matches((f) => (f === kind ? v : undefined))));
      if (hit) {
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
function readConfiguredList(path: string, key: () => HashKey): SuppressionList {
  if (!existsSync(dirname(path))) throw new AuditError('E_INPUT_UNREADABLE', { detail: 'ENOENT' }, { file: path });
  // An earlier input of this run may have extended it already (committed at the end of the run).
  return SuppressionList.read(path, true, key, pendingTemp(path));
}

/**
 * `scan`, with `--suppress <file>` and/or the config's `suppressionList`: rows whose email or phone is
 * on either list carry an objection. A configured list that does not exist yet counts as empty (and the
 * summary says so); a list named by --suppress must exist. No output may be written over a list.
 */
export async function runScanWithSuppression(files: string[], opts: CommonOptions & { suppress?: string; keyFile?: string }, io: CliIO): Promise<number> {
  let keyPath = '';
  const key = keyLoader(() => keyPath, false);
  const suppress = suppressOption(opts.suppress, io.cwd, key);
  let configured: SuppressionList | undefined;
  const counters = new Map<string, { suppressed?: number; unwritten?: string }>();
  const extra: Extra = (_file, base) => {
    keyPath ||= resolveKeyPath(opts, base.config?.keyFile, io.cwd);
    const lists: SuppressionList[] = [];
    const given = suppress.load();
    if (given) lists.push(given);
    const path = base.config?.suppressionList;
    let unwritten: string | undefined;
    if (path) {
      configured ??= readConfiguredList(path, key);
      lists.push(configured);
      if (configured.text === undefined) unwritten = path;
    }
    if (!lists.length) return {};
    const counter: { suppressed?: number; unwritten?: string } = { unwritten };
    counters.set(base.input, counter);
    return { isSuppressed: countingSuppression(lists, counter), readOnly: keyAndLists(keyPath, [suppress.path, path]) };
  };
  const afterEach = (result: ScanResult<FindingList>, lang: Lang) => {
    const counter = counters.get(result.report.input.path);
    if (!counter) return '';
    const lines = counter.unwritten ? [t(lang, 'purge.suppressUnwritten', { path: escapeControls(counter.unwritten) })] : [];
    lines.push(t(lang, 'purge.suppressMatched', { count: counter.suppressed ?? 0 }));
    return lines.join('\n') + '\n';
  };
  const planExtra: PlanExtra = (_file, base) => {
    keyPath ||= resolveKeyPath(opts, base.config?.keyFile, io.cwd);
    const lists = [suppress.path, base.config?.suppressionList];
    // The key is an input of a run that checks a keyed list, and the key a run names or finds is never
    // an output of any: a report over it would leave every log and list made with it unverifiable.
    const usesKey = lists.some(Boolean) || !!opts.keyFile || !!base.config?.keyFile || existsSync(keyPath);
    return { readOnly: keyAndLists(usesKey ? keyPath : undefined, lists) };
  };
  return runScan(files, opts, io, 'scan', extra, afterEach, planExtra);
}

/** The purge part of the terminal summary: what a DPO files with the log (issue #4). */
export function renderPurgeSummary(result: ScanResult<FindingList>, run: PurgeRun, lang: Lang, c: ChalkInstance): string {
  const r = result.report;
  const L = (id: string, params?: Record<string, string | number>) => t(lang, `purge.${id}`, params);
  const lines: string[] = ['', c.bold(L('title', { asOf: r.asOf }))];
  lines.push(L('inputHash', { sha256: r.input.sha256 }));
  lines.push(L(run.opts.dryRun ? 'countsDry' : 'counts', { rowsIn: r.input.rows, kept: r.output.rows, purged: run.purged }));
  /** A count per key: the key as shown (a rule id, a category in words), then the label when any. */
  const table = (title: string, counts: Record<string, number>, shown: (k: string) => string, label?: (k: string) => string) => {
    const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
    if (!entries.length) return;
    lines.push(title);
    const width = Math.max(...entries.map(([k]) => shown(k).length));
    for (const [k, n] of entries) lines.push(`  ${shown(k).padEnd(width)}  ${String(n).padStart(7)}${label ? '  ' + c.dim(label(k)) : ''}`);
  };
  if (run.purged === 0) lines.push(c.green(L('none')));
  table(L('byReason'), run.byReason, (k) => k, (k) => t(lang, `rule.${k}.title`));
  table(L('byCategory'), run.byCategory, (k) => categoryWord(lang, k));
  if (run.suppressed) lines.push(L('suppressMatched', { count: run.suppressed }));
  lines.push(L('otherFindings'));

  lines.push('', L('retentionTitle'));
  const retention = Object.entries(r.purge?.retention ?? run.opts.retention);
  // Categories and durations in words ("contact régulier", "3 ans"), as in the reports (issue 14); the
  // member's line comes with the others (retentionApplied).
  const width = Math.max(...retention.map(([k]) => retentionCategoryWord(lang, k).length));
  const durationWidth = Math.max(5, ...retention.map(([, { duration }]) => durationWords(lang, duration).length));
  for (const [category, r] of retention) lines.push(`  ${retentionCategoryWord(lang, category).padEnd(width)}  ${durationWords(lang, r.duration).padEnd(durationWidth)}  ${c.dim(retentionBasisText(lang, r))}`);
  lines.push(r.options.electionDate ? L('electionDate', { date: r.options.electionDate }) : c.yellow(L('noElectionDate')));

  lines.push('');
  if (run.opts.dryRun) {
    lines.push(c.yellow(L('dryRunTitle')));
    for (const [rule, list] of run.lines) {
      lines.push(`  ${rule}: ${L('dryRunLines', { lines: list.toString() })}${list.more ? ' ' + L('dryRunMore', { count: list.more }) : ''}`);
    }
    if (run.opts.suppression) lines.push(L('suppressionDry', { path: escapeControls(run.opts.suppression.path), added: run.suppressionAdded }));
    return lines.join('\n') + '\n';
  }
  if (r.purge?.log) lines.push(L('log', { path: escapeControls(r.purge.log), count: run.purged }));
  if (run.unidentified) lines.push(c.yellow(L('unidentified', { count: run.unidentified })));
  if (run.opts.suppression) lines.push(L('suppression', { path: escapeControls(run.opts.suppression.path), added: run.suppressionAdded, total: run.opts.suppression.list.size }));
  // The key's path and fingerprint, never the key (issue #13).
  const { key } = run;
  lines.push(L('key', { path: escapeControls(key.path), fingerprint: key.fingerprint }));
  if (key.created) lines.push(c.bold(L('keyCreated')));
  if (key.loose) lines.push(c.yellow(L('keyLoose', { path: escapeControls(key.path) })));
  // The default key sits beside the log and the list it protects (issue #13 audit): said, not silent.
  const guarded = [r.purge?.log, run.opts.suppression?.path].filter((p): p is string => !!p);
  if (guarded.some((p) => dirname(realOrResolved(p)) === dirname(key.path))) lines.push(c.yellow(L('keyBeside', { path: escapeControls(key.path) })));
  if (run.remainingPurge.error + run.remainingPurge.warning) {
    lines.push(L('remainingPurge', { errors: run.remainingPurge.error, warnings: run.remainingPurge.warning }));
  }
  if (result.written.clean) lines.push(L('nextStep', { path: escapeControls(result.written.clean), input: escapeControls(r.input.path) }));
  return lines.join('\n') + '\n';
}
