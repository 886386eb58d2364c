/**
 * Reads a small file a run depends on — the key file, a suppression list, the config — refusing
 * anything that is not a regular file (issue #16): a FIFO read synchronously would block the process
 * until a writer comes, deaf to SIGTERM, and a device such as /dev/zero never ends. Opened without
 * blocking (a FIFO opens at once), then checked on the open descriptor, so nothing can be swapped in
 * between the check and the read.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AuditError } from '../errors.js';
import { specialKind } from '../write/atomic.js';

// O_NONBLOCK does not exist on Windows, where a named pipe is not a path a user types here.
const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * The file's text (UTF-8). A special file is E_INPUT_SPECIAL naming `what`; a folder throws EISDIR and
 * a missing file ENOENT as the system would (callers word those their own way).
 */
export function readSmallFile(path: string, what: string): string {
  const fd = openSync(path, FLAGS);
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw Object.assign(new Error(`EISDIR: ${path}`), { code: 'EISDIR' });
    if (!st.isFile()) throw new AuditError('E_INPUT_SPECIAL', { what, kind: specialKind(st) ?? 'special file' }, { file: resolve(path) });
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}
