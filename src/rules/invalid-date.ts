import { defineRule } from './types.js';
import { rgpd } from './references.js';

/**
 * invalid-date: a date field cannot be parsed. The date is then treated as unknown (never guessed),
 * which usually leads to retention-unknown rather than a silent keep (RGPD art. 5.1.d, 5.1.e).
 */
export default defineRule({
  id: 'invalid-date',
  severity: 'warning',
  action: 'flag',
  tags: ['structure'],
  references: [
    rgpd('5.1.d', 'exactitude'),
    rgpd('5.1.e', 'limitation de la conservation'),
  ],
  messages: ['unparseable'],
  check(ctx, report) {
    for (const field of ctx.cls.invalidDates) {
      report({ message: 'unparseable', params: { field: ctx.plan.header[ctx.plan.mapping[field]!] }, field });
    }
  },
});
