/**
 * The input's SHA-256 (src/input-hash.ts) is the same wherever it is worked out: here, or on a thread
 * the run hands it to after some chunks were read, whatever the chunk sizes.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { InputHash, type HashThread } from '../src/input-hash.js';

/** A thread stand-in: hashes what it is handed, and checks each buffer is handed whole (transferable). */
function fakeThread(): HashThread & { messages: number } {
  const h = createHash('sha256');
  const t = {
    messages: 0,
    hashChunk(chunk: ArrayBuffer) {
      expect(chunk).toBeInstanceOf(ArrayBuffer);
      t.messages++;
      h.update(new Uint8Array(chunk));
    },
    hashDigest: async () => h.digest('hex'),
  };
  return t;
}

describe('InputHash', () => {
  it('gives the bytes\' SHA-256 here or on a thread, settled after any number of chunks (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 70_000 }), { maxLength: 12 }), fc.nat(12), fc.boolean(), async (chunks, settleAt, threaded) => {
        const h = new InputHash();
        const thread = threaded ? fakeThread() : undefined;
        chunks.forEach((c, i) => {
          if (i === settleAt) h.settle(thread);
          h.update(Buffer.from(c));
        });
        const want = createHash('sha256').update(Buffer.concat(chunks.map((c) => Buffer.from(c)))).digest('hex');
        // Not settled by then (settleAt past the chunks): the digest decides "here".
        const got = await h.digest();
        expect(got).toBe(want);
        // On the thread only when settled there before the end.
        if (thread && settleAt >= chunks.length) expect(thread.messages).toBe(0);
      }),
      { numRuns: 60 },
    );
  });

  it('hands the thread one message a 128 KiB, not one a chunk read', async () => {
    const h = new InputHash();
    const thread = fakeThread();
    h.settle(thread);
    const chunk = Buffer.alloc(16 * 1024, 0x61);
    for (let i = 0; i < 64; i++) h.update(chunk); // 1 MiB
    h.update(Buffer.from('z'));
    expect(await h.digest()).toBe(createHash('sha256').update(Buffer.concat([...Array(64).fill(chunk), Buffer.from('z')])).digest('hex'));
    expect(thread.messages).toBe(9);
  });
});
