/**
 * Errors the core raises for bad input, configuration or usage. Like csv-parse's, each carries a
 * stable `code`; the wording lives in the message catalogue (`src/i18n`), so the CLI can render it in
 * either language as one line: `file:line: problem`. Every AuditError maps to exit code 2.
 */
export type AuditErrorCode =
  | 'E_USAGE'
  | 'E_CONFIG'
  | 'E_INPUT_UNREADABLE'
  | 'E_GZIP'
  | 'E_INPUT_EMPTY'
  | 'E_INPUT_BINARY'
  | 'E_ENCODING'
  | 'E_UNKNOWN_ENCODING'
  | 'E_CSV_SYNTAX'
  | 'E_HEADER_DUPLICATE'
  | 'E_HEADER_EMPTY'
  | 'E_TITLE_ROW'
  | 'E_NO_CONTACT_COLUMN'
  | 'E_MAP_UNKNOWN_COLUMN'
  | 'E_MAP_UNKNOWN_FIELD'
  | 'E_FIELD_TOO_LARGE'
  | 'E_TOO_MANY_COLUMNS'
  | 'E_OUTPUT_IS_INPUT'
  | 'E_OUTPUT_UNWRITABLE'
  | 'E_OUTPUT_UNENCODABLE'
  | 'E_OUTPUT_SAME_FILE'
  | 'E_OUTPUT_OVER_INPUT'
  | 'E_OUTPUT_CLASH'
  | 'E_OUTPUT_SPECIAL'
  | 'E_INPUT_SPECIAL'
  | 'E_LOCKED'
  | 'E_INPUT_TOO_LARGE'
  | 'E_GZIP_RATIO'
  | 'E_ENCODING_MIXED'
  | 'E_TOO_MANY_COLUMNS_SO_FAR'
  | 'E_SUPPRESSION_HEADER'
  | 'E_SUPPRESSION_ROW'
  | 'E_KEY_FILE'
  | 'E_KEY_MISSING'
  | 'E_KEY_MISMATCH'
  | 'E_PURGE_LOG'
  | 'E_PURGE_LOG_EXTEND'
  | 'E_AMBIGUOUS'
  | 'E_ERASED_EXISTS'
  | 'E_REQUESTS'
  | 'E_INTERRUPTED'
  | 'E_WORKBOOK_CORRUPT'
  | 'E_WORKBOOK_ENCRYPTED'
  | 'E_WORKBOOK_XLS'
  | 'E_WORKBOOK_ODS'
  | 'E_WORKBOOK_BOMB'
  | 'E_SHEET_NOT_FOUND'
  | 'E_ROW_TOO_LARGE'
  | 'E_SHEET_NO_CONTACT_COLUMN'
  | 'E_WORKBOOK_STDIN'
  | 'E_ZIP_NOT_WORKBOOK';

export class AuditError extends Error {
  readonly code: AuditErrorCode;
  readonly file?: string;
  readonly line?: number;
  /** Parameters of the message (never personal data). */
  readonly params: Record<string, string | number>;

  constructor(
    code: AuditErrorCode,
    params: Record<string, string | number> = {},
    where: { file?: string; line?: number } = {},
  ) {
    super(`${code}${where.file ? ` ${where.file}` : ''}${where.line ? `:${where.line}` : ''} ${JSON.stringify(params)}`);
    this.name = 'AuditError';
    this.code = code;
    this.params = params;
    this.file = where.file;
    this.line = where.line;
  }

  /** A copy of this error that names the file (and line) when the thrower did not know them. */
  at(file: string | undefined, line?: number): AuditError {
    return new AuditError(this.code, this.params, { file: this.file ?? file, line: this.line ?? line });
  }
}

/**
 * A usage error worded by the catalogue (`usage.<id>` in src/i18n), so it reads in the user's language;
 * `params` fill the sentence (option names and the values typed, never file contents).
 */
export function usageError(id: string, params: Record<string, string | number> = {}): AuditError {
  return new AuditError('E_USAGE', { usage: id, ...params });
}

export function isAuditError(e: unknown): e is AuditError {
  return e instanceof AuditError;
}

/** Whether `e` is an interruption (Ctrl+C, SIGTERM): exit code 130. */
export function isInterruption(e: unknown): boolean {
  return isAuditError(e) && e.code === 'E_INTERRUPTED';
}

/** The error an aborted run ends with: the signal's own reason when it is an AuditError (stdout gone), else an interruption. */
export function abortError(signal: AbortSignal | undefined): AuditError {
  return isAuditError(signal?.reason) ? signal.reason : new AuditError('E_INTERRUPTED');
}
