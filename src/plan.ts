/**
 * The run plan (issue #16, SPEC §0 "Safety", §7): every path a run will write — for all its inputs —
 * is known and checked before anything is read or written. A plan is refused (exit 2, one line naming
 * both paths) when an output is an input of the same run, when two outputs share one path, or when an
 * existing target is not a regular file (a device, a FIFO, a socket): the temp-file-then-rename write
 * would replace it. Standard output is written as `-`, never through a path.
 */
import { basename, dirname, join } from 'node:path';
import { AuditError, usageError } from './errors.js';
import { assertWritableTarget, fileKey } from './write/atomic.js';
import { cleanSuffix } from './write/xlsx-output.js';

/** A file the run reads (an input, a suppression list, the config). */
export interface PlannedInput {
  path: string;
  /** What it is, for messages ("the input", "the suppression list"). */
  what: string;
}

/** A file the run writes. */
export interface PlannedOutput {
  path: string;
  what: string;
  /** The input whose output it is (for the message), or undefined for a run-wide file. */
  of?: string;
  /**
   * A file the run reads, extends and renames (a suppression list): it may appear for several inputs,
   * each extending what the previous one committed, and it is not "an input overwritten".
   */
  extends?: boolean;
  /**
   * `erase --in-place`: the output of an input written over that same input, renamed over it once
   * complete (the input was read whole by then). Only over its own input, never another.
   */
  replaces?: boolean;
}

export interface RunPlan {
  inputs: PlannedInput[];
  outputs: PlannedOutput[];
}

/**
 * The files a scan or purge reads besides its inputs and config: the suppression lists it checks and
 * the key file their hashes need (issue #16: `scan --suppress L --key-file k -r k` replaced the key,
 * and every proof made with it became unverifiable). Each is an input of the plan: no output over it.
 */
export function keyAndLists(key: string | undefined, lists: (string | undefined)[]): PlannedInput[] {
  const out: PlannedInput[] = [];
  for (const path of new Set(lists)) if (path) out.push({ path, what: 'the suppression list' });
  if (key) out.push({ path: key, what: 'the key file' });
  return out;
}

/** What scanFile needs to derive its default output names. */
export interface OutputNaming {
  input: string;
  out?: string;
  outDir?: string;
  reports?: string[];
  noReport?: boolean;
  rejects?: string;
  dryRun?: boolean;
  mode?: 'scan' | 'purge';
  sidecars?: { path: string; what: string; extends?: boolean }[];
  /** The input is a workbook: the cleaned file is one too (issue #15). */
  workbook?: boolean;
  /** What the cleaned file is called in messages, when neither "the cleaned file" nor "the purged file" (erase). */
  outputWhat?: string;
  /** `out` is the input itself, replaced once complete (`erase --in-place`). */
  inPlace?: boolean;
}

/** Base name of an input without its CSV-ish extensions: "contacts.csv.gz" → "contacts". */
export function stemOf(input: string): string {
  return basename(input).replace(/(\.(csv|tsv|txt))?(\.gz)?$/i, '').replace(/\.xls[xm]$/i, '') || 'output';
}

export function defaultPath(opts: { input: string; outDir?: string }, suffix: string): string {
  const dir = opts.outDir ?? (opts.input === '-' ? '.' : dirname(opts.input));
  const stem = opts.input === '-' ? 'stdin' : stemOf(opts.input);
  return join(dir, `${stem}${suffix}`);
}

/**
 * Spreadsheet formats the tool cannot write: an output named so would get CSV text under a workbook's
 * name, which the spreadsheet then refuses or misreads (issue #15 audit). `.xlsx`/`.xlsm` are written.
 */
const UNWRITTEN = /\.(ods|fods|ots|xls|xlsb|xlt|xltx|xltm|numbers)$/i;

/** The outputs of one input, as scanFile will write them (the cleaned file may be `-`, stdout). */
export function outputsOf(opts: OutputNaming): { clean?: string; reports: string[]; list: PlannedOutput[] } {
  const of = opts.input === '-' ? '<stdin>' : opts.input;
  for (const [option, path] of [['-o', opts.out], ['--rejects', opts.rejects]] as const) {
    const ext = path && path !== '-' ? UNWRITTEN.exec(path)?.[1] : undefined;
    if (ext && path) throw usageError('spreadsheetOutput', { option, path, ext: `.${ext.toLowerCase()}` });
  }
  const clean = opts.dryRun ? undefined : opts.out ?? defaultPath(opts, cleanSuffix(!!opts.workbook));
  // A dry run computes everything and writes no cleaned file (SPEC §1), nor a log, a list or removed
  // rows: only the reports asked for with -r, the same for one input as for several (issue 14).
  const reports = opts.noReport ? [] : opts.reports?.length ? opts.reports : opts.dryRun ? [] : [defaultPath(opts, '.report.json')];
  const list: PlannedOutput[] = [];
  for (const r of reports) list.push({ path: r, what: 'the report', of });
  if (opts.dryRun) return { clean, reports, list };
  if (clean && clean !== '-') list.unshift({ path: clean, what: opts.outputWhat ?? (opts.mode === 'purge' ? 'the purged file' : 'the cleaned file'), of, replaces: opts.inPlace });
  if (opts.rejects) list.push({ path: opts.rejects, what: 'the removed rows', of });
  for (const s of opts.sidecars ?? []) list.push({ path: s.path, what: s.what, of, extends: s.extends });
  return { clean, reports, list };
}

/**
 * Checks a whole run's plan; throws the first problem as an AuditError (exit 2). Existing files are
 * compared by device and inode, missing ones by their real path, so a symlink, a hard link, a `./` or a
 * case-only spelling does not hide a clash.
 */
export function checkPlan(plan: RunPlan): void {
  const inputs = new Map<string, PlannedInput>();
  for (const i of plan.inputs) if (i.path !== '-') inputs.set(fileKey(i.path), i);
  const outputs = new Map<string, PlannedOutput>();
  for (const o of plan.outputs) {
    if (o.path === '-') continue;
    const key = fileKey(o.path);
    const input = inputs.get(key);
    const ownInput = o.replaces && o.of !== undefined && input?.what === 'the input' && fileKey(o.of) === key;
    if (input && !(o.extends && input.what === o.what) && !ownInput) {
      if (input.what === 'the input' && o.of !== undefined && fileKey(o.of) !== key) {
        throw new AuditError('E_OUTPUT_OVER_INPUT', { what: o.what, of: o.of, input: input.path }, { file: o.path });
      }
      if (input.what === 'the input') throw new AuditError('E_OUTPUT_IS_INPUT', { what: o.what }, { file: o.path });
      throw new AuditError('E_OUTPUT_SAME_FILE', { what: o.what, other: input.what }, { file: o.path });
    }
    const prior = outputs.get(key);
    if (prior && !(prior.extends && o.extends && prior.what === o.what)) {
      if (prior.of && o.of && prior.of !== o.of) {
        throw new AuditError('E_OUTPUT_CLASH', { what: o.what, of: o.of, other: prior.what, otherOf: prior.of }, { file: o.path });
      }
      throw new AuditError('E_OUTPUT_SAME_FILE', { what: o.what, other: prior.what }, { file: o.path });
    }
    outputs.set(key, o);
    assertWritableTarget(o.path, o.what);
  }
}
