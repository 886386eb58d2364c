import { defineRule } from './types.js';
import { rgpd } from './references.js';

/**
 * malformed-row: the field count differs from the header's. Such a row cannot be read reliably
 * (shifted fields put an objection in a consent column), so it is dropped and counted, never guessed.
 * The engine calls this rule itself, before classification; it cannot be turned off (SPEC §5).
 */
export default defineRule({
  id: 'malformed-row',
  severity: 'error',
  action: 'drop-row',
  tags: ['structure'],
  purge: 0,
  mandatory: true,
  references: [
    rgpd('5.1.d', 'exactitude'),
  ],
  messages: ['fieldCount'],
  check(ctx, report) {
    const expected = ctx.plan.header.length;
    if (ctx.cells.length !== expected) {
      report({ message: 'fieldCount', params: { count: ctx.cells.length, expected } });
    }
  },
});
