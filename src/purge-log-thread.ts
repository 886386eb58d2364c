/**
 * The purge log of a large purge, hashed and written on a worker thread (src/purge-log-worker.ts). The
 * main thread only queues each removed row's identifiers and reason; the keyed hashes (three or four
 * HMAC-SHA-256 a row), the log line and its write — about a third of a purge's time on one thread
 * (npm run bench, 1M rows) — happen on the second core. The log is the same byte for byte as the one
 * written inline (test/purge-log-thread.test.ts); small inputs stay inline, where a thread's start
 * would cost more than it saves.
 */
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AuditError } from './errors.js';
import { keyMaterial, type HashKey } from './keys.js';
import type { LogPrefix } from './purge-log.js';
import type { ContactCols } from './identities.js';
import type { Field } from './types.js';
import { RowEncoder, type InputHashMessage, type LogRowArgs, type LogThreadData, type LogThreadMessage, type LogThreadReply } from './purge-log-rows.js';
import type { HashThread } from './input-hash.js';

export type { LogRowArgs };

/** The worker's code, when a build bundles it as one string (the single executable: scripts/build-binary.mjs). */
declare const __CNIL_AUDIT_LOG_WORKER__: string | undefined;

/** Input size from which a purge hashes and writes its log on a worker thread ('auto'). */
export const LOG_THREAD_MIN_BYTES = 8 * 1024 * 1024;
/** Rows posted in one message (fewer messages, each cheap to copy). */
const POST_ROWS = 256;
/** Rows the thread may be behind before the main thread waits for it (bounds the queued rows' memory). */
const MAX_BEHIND = 2048;

/** The log's thread; it also hashes the input for the report (src/input-hash.ts). */
export interface LogThread extends HashThread {
  /** Queues one row of the log. */
  push(row: LogRowArgs): void;
  /**
   * Queues one row of the log by its cells (RowEncoder.encodeCells): the thread works out its
   * identities, as rowIdentities would. `id` is the row's id cell, trimmed, not empty.
   */
  pushCells(line: number, id: string, cells: readonly string[], cols: ContactCols, get: (field: Field) => string | undefined, category: string, rule: string, reason: string, reference: string): void;
  /** Posts what is queued; waits while the thread is far behind. Throws the thread's write error. */
  afterBatch(): Promise<void>;
  /** Posts the rest and ends the log; resolves once the file is complete and closed. */
  finish(): Promise<void>;
  /** Stops the thread (a failed or interrupted run: the temp file is removed by its owner). */
  abort(): void;
}

function workerSource(): { source: string; eval: true } | { url: URL } | undefined {
  if (typeof __CNIL_AUDIT_LOG_WORKER__ === 'string') return { source: __CNIL_AUDIT_LOG_WORKER__, eval: true };
  const url = new URL('./purge-log-worker.js', import.meta.url);
  // Run from the TypeScript sources (the tests' own imports) there is no .js beside this file: inline.
  return existsSync(fileURLToPath(url)) ? { url } : undefined;
}

/** Whether a log thread can be started in this build. */
export function logThreadAvailable(): boolean {
  return workerSource() !== undefined;
}

/**
 * Starts the thread that writes the log into `path` (the log's temp file, already created). It writes
 * nothing before the first rows are posted (afterBatch), so the caller may first copy the log it extends.
 * `target` and `what` name the log in errors.
 */
export function startLogThread(opts: { path: string; target: string; what: string; json: boolean; purgedAt: string; key: HashKey; extending?: LogPrefix }): LogThread {
  const src = workerSource();
  const key = keyMaterial(opts.key);
  if (!src || !key) throw new Error('startLogThread: no worker in this build (check logThreadAvailable first)');
  const workerData: LogThreadData = { path: opts.path, json: opts.json, purgedAt: opts.purgedAt, keyPath: opts.key.path, key, extending: opts.extending };
  // A small young generation: the thread holds a batch of rows at a time (SPEC §8 peak RSS).
  const resourceLimits = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 };
  const worker = 'source' in src
    ? new Worker(src.source, { eval: true, workerData, resourceLimits })
    : new Worker(src.url, { workerData, resourceLimits });
  const encoder = new RowEncoder();
  // The queued rows' pieces (RowEncoder.encode), joined into one string a message.
  const queued: string[] = [];
  let queuedRows = 0;
  let posted = 0;
  let done = 0;
  let failure: AuditError | undefined;
  let ended = false;
  let waiter: (() => void) | undefined;
  const wake = () => {
    const w = waiter;
    waiter = undefined;
    w?.();
  };
  const fail = (detail: string) => {
    failure ??= new AuditError('E_OUTPUT_UNWRITABLE', { what: opts.what, detail }, { file: opts.target });
    wake();
  };
  let sha256: string | undefined;
  worker.on('message', (m: LogThreadReply) => {
    if ('error' in m) fail(m.error);
    else if ('sha256' in m) sha256 = m.sha256;
    else {
      done = m.done;
      if (m.end) ended = true;
    }
    wake();
  });
  worker.on('error', (e) => fail(e.message));
  worker.on('exit', () => {
    if (!ended) fail('log thread exited early');
  });
  const post = (end: boolean) => {
    if (!queuedRows && !end) return;
    worker.postMessage({ rows: queued.join(''), count: queuedRows, words: encoder.takeWords(), end } satisfies LogThreadMessage);
    posted += queuedRows;
    queued.length = 0;
    queuedRows = 0;
  };
  const until = async (ready: () => boolean) => {
    while (!ready()) {
      if (failure) throw failure;
      await new Promise<void>((r) => (waiter = r));
    }
    if (failure) throw failure;
  };
  return {
    push(row) {
      encoder.encode(row, queued);
      queuedRows++;
    },
    pushCells(line, id, cells, cols, get, category, rule, reason, reference) {
      encoder.encodeCells(line, id, cells, cols, get, category, rule, reason, reference, queued);
      queuedRows++;
    },
    hashChunk(chunk) {
      worker.postMessage({ input: chunk } satisfies InputHashMessage, [chunk]);
    },
    async hashDigest() {
      worker.postMessage({ inputEnd: true } satisfies InputHashMessage);
      await until(() => sha256 !== undefined);
      return sha256!;
    },
    async afterBatch() {
      if (failure) throw failure;
      if (queuedRows >= POST_ROWS) post(false);
      if (posted - done > MAX_BEHIND) await until(() => posted - done <= MAX_BEHIND / 2);
    },
    async finish() {
      post(true);
      await until(() => ended);
    },
    abort() {
      ended = true;
      void worker.terminate();
    },
  };
}
