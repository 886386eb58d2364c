/**
 * createAuditStream: a Transform around the pure engine, for callers who already have records (from
 * csv-parse, a database, an API). Objects in: the header first (string[]), then each row as string[]
 * or `{ cells, line }`. Objects out: one RowResult per row (`output` is null when the row is dropped).
 * Like csv-parse, the stream adds nothing to the engine but plumbing.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { AuditEngine, type EngineOptions, type RowResult } from './engine.js';
import { ReportCollector } from './report/model.js';
import type { Lang } from './types.js';

export interface AuditStreamOptions extends EngineOptions {
  lang?: Lang;
}

export class AuditStream extends Transform {
  engine: AuditEngine | undefined;
  readonly collector: ReportCollector;
  private line = 1;

  constructor(private readonly options: AuditStreamOptions) {
    super({ objectMode: true });
    this.collector = new ReportCollector(options.lang ?? 'en');
  }

  override _transform(chunk: string[] | { cells: string[]; line?: number }, _enc: BufferEncoding, cb: TransformCallback): void {
    try {
      const cells = Array.isArray(chunk) ? chunk : chunk.cells;
      if (!this.engine) {
        this.engine = new AuditEngine(cells, this.options);
        this.emit('header', this.engine.outputHeader);
        return cb();
      }
      this.line = Array.isArray(chunk) || chunk.line === undefined ? this.line + 1 : chunk.line;
      const r: RowResult = this.engine.processRow(cells, this.line);
      this.collector.add(r);
      cb(null, r);
    } catch (e) {
      cb(e as Error);
    }
  }
}

export function createAuditStream(options: AuditStreamOptions): AuditStream {
  return new AuditStream(options);
}
