/**
 * The input's SHA-256 (the report's `input.sha256`, a purge's proof of which file it purged). Worked out
 * on this thread, or on a worker thread the run already has (a large purge's log thread): hashing is
 * about 3% of a purge's time on this thread (npm run bench, issue #13), and the log thread is idle most
 * of the run. Bytes are hashed in the order read either way, so the digest is the same.
 */
import { createHash, type Hash } from 'node:crypto';

/** A thread that hashes the input for the run: chunks in order, then the digest. */
export interface HashThread {
  /** Hands over a chunk of input bytes (the buffer is transferred: not used after). */
  hashChunk(chunk: ArrayBuffer): void;
  /** The hex digest of every chunk handed over. */
  hashDigest(): Promise<string>;
}

/** Bytes copied into one buffer before it is handed to the thread (one message each). */
const POST_BYTES = 128 * 1024;

export class InputHash {
  /** Chunks read before the run decides where to hash (the header's read-ahead). */
  private pending: Buffer[] | undefined = [];
  private hash: Hash | undefined;
  private thread: HashThread | undefined;
  private buf: Buffer | undefined;
  private used = 0;

  update(chunk: Buffer): void {
    if (this.hash) this.hash.update(chunk);
    else if (this.thread) this.copy(chunk);
    else this.pending!.push(chunk);
  }

  /**
   * Decides where the rest is hashed, the chunks read so far included: on `thread`, or here. Called
   * once, before the rows are read; `digest` decides "here" if it was not.
   */
  settle(thread?: HashThread): void {
    if (!this.pending) return;
    const pending = this.pending;
    this.pending = undefined;
    if (thread) this.thread = thread;
    else this.hash = createHash('sha256');
    for (const c of pending) this.update(c);
  }

  async digest(): Promise<string> {
    this.settle();
    if (this.hash) return this.hash.digest('hex');
    this.post();
    return this.thread!.hashDigest();
  }

  private copy(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      // A buffer of its own (not from the pool), so its memory can be transferred whole.
      this.buf ??= Buffer.allocUnsafeSlow(POST_BYTES);
      const n = chunk.copy(this.buf, this.used, at);
      this.used += n;
      at += n;
      if (this.used === POST_BYTES) this.post();
    }
  }

  private post(): void {
    if (!this.buf || !this.used) return;
    // allocUnsafeSlow: the buffer is its ArrayBuffer, from byte 0. The last one is cut to what it holds.
    const ab = this.buf.buffer as ArrayBuffer;
    this.thread!.hashChunk(this.used === ab.byteLength ? ab : ab.slice(0, this.used));
    this.buf = undefined;
    this.used = 0;
  }
}
