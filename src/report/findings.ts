/**
 * Where a report's findings are kept while rows stream past. Up to 10,000 per rule (SPEC §7) is about
 * 180,000 findings on a large file, some 45 MB of objects and messages: held in memory they were a third
 * of the peak RSS of a 1M-row scan. The CLI spools them to a temp file instead (`FindingSpool`), so the
 * memory of a run no longer depends on how many findings it keeps (SPEC §8); the library keeps them in
 * an array unless asked (`scanFile({ spoolFindings: true })`).
 */
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import { AuditError } from '../errors.js';
import type { Lang } from '../types.js';
import { trackTemp, untrackTemp } from '../write/atomic.js';
import type { ReportFinding } from './model.js';
import { findingJsonParts, joinFindingJson, type JsonFindings } from './json.js';
import { findingMessage } from './wording.js';
import { memo } from '../text.js';

/**
 * A report's findings, in report order (line, then rule): iterable as often as needed, with a count. An
 * array is one; so is a spool.
 */
export interface FindingList extends Iterable<ReportFinding> {
  readonly length: number;
}

/** Where the collector puts the findings it keeps. */
export interface FindingSink extends FindingList {
  push(f: ReportFinding): unknown;
}

/** Pieces of about 32 KB: written out with one system call, and kept out of V8's large-object space. */
const CHUNK = 32 * 1024;
const READ_BLOCK = 64 * 1024;

/**
 * Findings appended to a temp file as JSON lines (data only: the JSON report words each message as it
 * reads them back), read back in order as often as a report needs them. The file is created in
 * the system's temp folder (`os.tmpdir()`: TMPDIR, or TEMP/TMP on Windows), mode 0600, and unlinked at
 * once: only this process's descriptor reaches it, and nothing is left behind however the process
 * ends, even killed. Where the system refuses to unlink an open file, it is removed by `dispose` or by
 * the CLI's signal handlers instead. It holds what the report holds: ids and, with --show-values,
 * masked values; never a clear email, phone or name (SPEC §7).
 */
export class FindingSpool implements FindingSink, JsonFindings {
  readonly path: string;
  private fd: number | undefined;
  private pending = '';
  private count = 0;
  /** Whether the path still exists (the unlink at creation failed). */
  private linked = false;

  /** Throws E_OUTPUT_UNWRITABLE when the temp folder cannot take the file. */
  constructor(dir = tmpdir()) {
    this.path = join(dir, `.cnil-audit-findings-${process.pid}-${randomBytes(6).toString('hex')}.jsonl`);
    try {
      // 'wx': never follow or reuse whatever may already be at that path in a shared folder.
      this.fd = openSync(this.path, 'wx+', 0o600);
    } catch (e) {
      throw spoolError(this.path, e);
    }
    try {
      unlinkSync(this.path);
    } catch {
      this.linked = true;
      trackTemp(this.path);
    }
  }

  get length(): number {
    return this.count;
  }

  push(f: ReportFinding): void {
    // Head and tail of its JSON text around the message; JSON.stringify escapes tabs and line
    // breaks inside strings, so a tab and a line break are safe separators.
    const [head, tail] = findingJsonParts(f);
    this.pending += head + '\t' + tail + '\n';
    this.count++;
    if (this.pending.length >= CHUNK) this.flush();
  }

  /**
   * Writes what is pending. scanFile calls it after each batch of rows, so no finding's text outlives
   * its batch in memory: text kept across batches survived young-generation collections and piled up
   * in the old generation (26 MB promoted per million rows, peak RSS growing with the file's length).
   */
  flush(): void {
    if (!this.pending) return;
    if (this.fd === undefined) throw spoolError(this.path, 'disposed');
    const buf = Buffer.from(this.pending, 'utf8');
    this.pending = '';
    try {
      let off = 0;
      while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off);
    } catch (e) {
      throw spoolError(this.path, e);
    }
  }

  /** The stored lines, `head\ttail`, in order. */
  private *lines(): Generator<string> {
    if (this.fd === undefined) throw spoolError(this.path, 'disposed: the findings were read after dispose()');
    this.flush();
    const fd = this.fd;
    // Positional reads from the start: each pass is independent of the others and of the writes.
    const block = Buffer.allocUnsafe(READ_BLOCK);
    const decoder = new StringDecoder('utf8');
    let position = 0;
    let rest = '';
    for (;;) {
      // Disposed while this pass was under way: the descriptor number may already name another file.
      if (this.fd !== fd) throw spoolError(this.path, 'disposed: the findings were read after dispose()');
      const n = readSync(fd, block, 0, READ_BLOCK, position);
      if (n === 0) break;
      position += n;
      const text = rest + decoder.write(block.subarray(0, n));
      let start = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
        yield text.slice(start, nl);
        start = nl + 1;
      }
      rest = text.slice(start);
    }
  }

  *[Symbol.iterator](): Iterator<ReportFinding> {
    for (const line of this.lines()) {
      const tab = line.indexOf('\t');
      // Written by findingJsonParts: the same keys in the same order as the collector's objects.
      yield JSON.parse(line.slice(0, tab) + line.slice(tab + 1)) as ReportFinding;
    }
  }

  /** Each finding's JSON text, its message worded in `lang` (the JSON report). */
  *jsonTexts(lang: Lang): Generator<string> {
    // A message is worded once per rule, message and params: the 10,000 findings of a rule hold a few
    // distinct messages (a few thousand for a message with dates). The key is the JSON of those three
    // (`{"rule":…,"messageId":…,"params":…}`), cut from the head: the first `,"severity":` and
    // `,"messageId":` are its keys' own (a quote inside a JSON string is escaped).
    const message = memo((key: string) => findingMessage(lang, JSON.parse(key) as ReportFinding));
    for (const line of this.lines()) {
      const tab = line.indexOf('\t');
      const head = line.slice(0, tab);
      const tail = line.slice(tab + 1);
      const key = head.slice(0, head.indexOf(',"severity":')) + head.slice(head.indexOf(',"messageId":')) + '}';
      yield joinFindingJson(head, message(key), tail);
    }
  }

  /** Closes and removes the file. Reading the findings afterwards is an error. */
  dispose(): void {
    if (this.fd === undefined) return;
    try { closeSync(this.fd); } catch { /* already closed */ }
    this.fd = undefined;
    this.pending = '';
    if (!this.linked) return;
    try {
      unlinkSync(this.path);
    } catch (e) {
      // Still there (a scanner holding it on Windows): left to the exit handler's removeAllTempFiles.
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return;
    }
    untrackTemp(this.path);
  }
}

function spoolError(path: string, e: unknown): AuditError {
  return new AuditError('E_OUTPUT_UNWRITABLE', { what: 'the findings spool (temp folder)', detail: (e as NodeJS.ErrnoException).code ?? String(e) }, { file: path });
}

/**
 * The first finding of each of `rules`, in one pass that stops once all are found: a rule's severity
 * and action as this run applied them (config levels, purge mode) are on its findings.
 */
export function firstOfEachRule(findings: FindingList, rules: Iterable<string>): Map<string, ReportFinding> {
  const wanted = new Set(rules);
  const out = new Map<string, ReportFinding>();
  if (wanted.size === 0) return out;
  for (const f of findings) {
    if (!wanted.has(f.rule) || out.has(f.rule)) continue;
    out.set(f.rule, f);
    if (out.size === wanted.size) break;
  }
  return out;
}
