import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { createAuditStream, type RowResult } from '../src/index.js';

describe('createAuditStream (library API)', () => {
  it('takes csv-parse records, gives one RowResult per row, and counts them', async () => {
    const csv = 'email,nom\na@example.org,A\nb@example.org\nc@example.org,C\n';
    const audit = createAuditStream({ asOf: 20415 });
    const out: RowResult[] = [];
    let header: string[] | undefined;
    audit.on('header', (h: string[]) => (header = h));
    await pipeline(Readable.from([csv]), parse({ relax_column_count: true }), audit, async function* (source) {
      for await (const r of source) out.push(r as RowResult);
    });
    expect(header).toEqual(['email', 'nom']);
    expect(out.map((r) => [r.line, r.dropped])).toEqual([[2, false], [3, true], [4, false]]);
    expect(out[1].findings.map((f) => f.rule)).toContain('malformed-row');
    expect(audit.collector.rowsIn).toBe(3);
    expect(audit.collector.kept + audit.collector.dropped).toBe(3);
  });

  it('propagates header errors as AuditError', async () => {
    const audit = createAuditStream({ asOf: 0 });
    const done = new Promise((_, reject) => audit.on('error', reject));
    audit.write(['foo', 'bar']);
    await expect(done).rejects.toMatchObject({ code: 'E_NO_CONTACT_COLUMN' });
  });
});
