/**
 * Control characters from the input or a file name, shown escaped (issue #16): a header holding an
 * ANSI escape must not clear the terminal or print a fake "All rows OK", and a bare CR must not start
 * a new row in a CSV report. `\n`, `\r`, `\t` read as such; others as `\u001b`.
 */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** `keep`: characters left as they are (a CSV report keeps LF and tab, inside quotes). */
export function escapeControls(s: string, keep = ''): string {
  CONTROLS.lastIndex = 0;
  if (!CONTROLS.test(s)) return s;
  return s.replace(CONTROLS, (c) =>
    keep.includes(c) ? c : c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
