/** The AuditError a call throws (a test fails when it throws none, or something else). */
import { isAuditError, type AuditError } from '../../src/errors.js';

export function thrown(f: () => unknown): AuditError {
  try {
    f();
  } catch (e) {
    if (isAuditError(e)) return e;
    throw e;
  }
  throw new Error('no error');
}
