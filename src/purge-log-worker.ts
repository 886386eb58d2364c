/**
 * The purge log's worker thread (src/purge-log-thread.ts starts it): hashes each removed row's
 * identifiers, words its log line and appends it to the log's temp file, so a large purge pays for its
 * log on the second core rather than on the thread that reads and audits the rows (SPEC §8: purge
 * within the scan's ratios). Writes through its own descriptor on the temp file the main thread
 * created: the main thread's descriptor is never shared across threads.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { closeSync, constants, openSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { keyFromMaterial } from './keys.js';
import { PurgeLogWriter } from './purge-log.js';
import { RowDecoder, type InputHashMessage, type LogThreadData, type LogThreadMessage, type LogThreadReply } from './purge-log-rows.js';

const data = workerData as LogThreadData;
const port = parentPort!;
let fd: number | undefined;
let failed = false;
let text = '';
let written = 0;

function reply(m: LogThreadReply): void {
  port.postMessage(m);
}

function fail(e: unknown): void {
  if (failed) return;
  failed = true;
  reply({ error: (e as NodeJS.ErrnoException).code ?? String(e) });
}

function flush(): void {
  if (!text || failed) return;
  const buf = Buffer.from(text, 'utf8');
  text = '';
  try {
    let off = 0;
    while (off < buf.length) off += writeSync(fd!, buf, off, buf.length - off);
  } catch (e) {
    fail(e);
  }
}

function out(s: string | undefined): void {
  if (!s) return;
  text += s;
  // Pieces of about 32 KB, as the main thread writes its outputs (kept out of V8's large-object space).
  if (text.length >= 32 * 1024) flush();
}

// O_NOFOLLOW: the temp file the main thread created with 'wx', never whatever may replace it meanwhile.
try {
  fd = openSync(data.path, constants.O_WRONLY | constants.O_APPEND | constants.O_NOFOLLOW);
} catch (e) {
  fail(e);
}
const decoder = new RowDecoder();
const writer = new PurgeLogWriter(data.json, keyFromMaterial(data.keyPath, data.key), data.purgedAt, data.extending);
// The head goes with the first rows: until then the main thread may still be copying the log this one
// extends into the same file (O_APPEND puts each write at the end).
let started = false;

// The input's SHA-256, for the report: its bytes come in the order read (src/input-hash.ts).
const inputHash = createHash('sha256');

port.on('message', (m: LogThreadMessage | InputHashMessage) => {
  if ('input' in m) {
    inputHash.update(new Uint8Array(m.input));
    return;
  }
  if ('inputEnd' in m) {
    reply({ sha256: inputHash.digest('hex') });
    return;
  }
  if (!failed) {
    if (!started) {
      started = true;
      out(writer.head());
    }
    for (const r of decoder.rows(m)) out(writer.entry(r[0], r[1], r[2], r[3], r[4], r[5]));
    written += m.count;
    if (m.end) {
      out(writer.tail());
      flush();
    }
  }
  if (m.end) {
    if (fd !== undefined) {
      try { closeSync(fd); } catch (e) { fail(e); }
      fd = undefined;
    }
    if (!failed) reply({ done: written, end: true });
    port.close();
    return;
  }
  if (!failed) reply({ done: written });
});
