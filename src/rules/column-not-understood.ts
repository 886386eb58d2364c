import { defineRule } from './types.js';
import { rgpd } from './references.js';

/**
 * column-not-understood: a column looks like contact data, a consent or an objection, but nothing reads
 * it; or it is read as e-mail or phone data only because its values are, its name saying nothing. A
 * file-level finding, once per column: the controller must know what its file holds and show each use is
 * lawful (RGPD art. 5.2), and an unread objection column is an objection the cleaned file would ignore
 * (art. 21.2–21.3). Counted by `--fail-on warning` and `--max-warnings`, so a CI gate stops on it.
 */
export default defineRule({
  id: 'column-not-understood',
  severity: 'warning',
  action: 'flag',
  tags: ['structure'],
  references: [
    rgpd('5.2', 'responsabilité (accountability)'),
    rgpd('21.2 et 21.3', 'droit d\'opposition à la prospection'),
    rgpd('5.1.d', 'exactitude'),
  ],
  messages: ['contact', 'consent', 'objection', 'emailByValues', 'phoneByValues'],
  check() {
    // File-level only.
  },
  checkFile(ctx, report) {
    for (const c of ctx.unread) {
      if (c.looksLike === 'contact' || c.looksLike === 'consent' || c.looksLike === 'objection') {
        report({ message: c.looksLike, field: c.name, params: { column: c.name } });
      }
    }
    for (const c of ctx.contactByValues) report({ message: c.kind === 'email' ? 'emailByValues' : 'phoneByValues', field: c.name, params: { column: c.name } });
  },
});
