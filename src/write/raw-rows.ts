/**
 * One batch of a CSV output, row by row (issue #16, "byte for byte"): a row the run did not change is
 * copied as the input had it — its bytes, quotes, line break and all — and consecutive ones as one
 * slice; a changed row (a field scrubbed) is written by csv-stringify in the file's dialect. An export
 * that quotes only its text cells (Mailchimp: quoted strings, bare numbers) keeps every quote, and a
 * purge's output is its input minus the removed rows. No per-field work for the copied rows.
 */
export type Piece = Buffer | string;

export class BatchPieces {
  private pieces: Piece[] = [];
  private runStart = -1;
  private runEnd = -1;
  private rows: string[][] = [];

  constructor(
    private readonly raw: (start: number, end: number) => Buffer,
    private readonly stringify: (rows: string[][]) => string,
  ) {}

  /** A row kept as it was: its input bytes. */
  copy(start: number, end: number): void {
    if (this.rows.length) this.flushRows();
    if (this.runEnd === start) {
      this.runEnd = end;
      return;
    }
    this.flushRun();
    this.runStart = start;
    this.runEnd = end;
  }

  /** A row written anew. */
  row(cells: string[]): void {
    this.flushRun();
    this.rows.push(cells);
  }

  /** The batch's pieces, in order; the builder is empty after. */
  take(): Piece[] {
    this.flushRun();
    this.flushRows();
    const out = this.pieces;
    this.pieces = [];
    return out;
  }

  private flushRun(): void {
    if (this.runStart < 0) return;
    this.pieces.push(this.raw(this.runStart, this.runEnd));
    this.runStart = this.runEnd = -1;
  }

  private flushRows(): void {
    if (!this.rows.length) return;
    this.pieces.push(this.stringify(this.rows));
    this.rows = [];
  }
}
