import { defineRule } from './types.js';
import { rgpd, CNIL_SANCTIONS_2025, CNIL_VOTER_RIGHTS_2026 } from './references.js';

/**
 * unknown-source: nothing on the row says where the contact came from. Without an origin the campaign
 * can neither tell the person the source of their data (RGPD art. 14.2.f) nor show the processing is
 * lawful (art. 5.2); the CNIL fined candidates in December 2025 who could not prove it. The source
 * text itself is never repeated in the finding: free text may name people.
 */
export default defineRule({
  id: 'unknown-source',
  severity: 'warning',
  action: 'flag',
  tags: ['source'],
  decisions: ['consent.status-trusted'],
  references: [
    rgpd('5.2', 'responsabilité (accountability)'),
    rgpd('14.2.f', 'source des données'),
    CNIL_SANCTIONS_2025,
    CNIL_VOTER_RIGHTS_2026,
  ],
  messages: ['noColumn', 'empty', 'unrecognised'],
  check(ctx, report) {
    if (ctx.cls.source !== 'unknown') return;
    if (ctx.plan.mapping.source === undefined) report({ message: 'noColumn' });
    else report({ message: ctx.cls.sourceGiven ? 'unrecognised' : 'empty', field: 'source' });
  },
});
