import { defineRule } from './types.js';
import { decideRetention } from '../law/retention.js';
import { SINGLE_DONATION } from '../law/category.js';
import { formatDay } from '../read/values.js';
import { rgpd, CNIL_SANCTIONS_2025 } from './references.js';

/**
 * retention-unknown: retention cannot be decided for the row (a needed date is missing or unreadable,
 * no election date for a voter, no category). Never a silent keep: the controller must be able to show
 * the data is still within its retention (RGPD art. 5.1.e and 5.2). It also reports a single donation
 * kept as a regular contact only on the tool's reading (the CNIL speaks of "donateurs fréquents").
 */
export default defineRule({
  id: 'retention-unknown',
  severity: 'warning',
  action: 'flag',
  tags: ['retention'],
  decisions: ['retention.regular-contact', 'category.by-source', 'category.single-donation', 'category.voter-consent'],
  references: [
    rgpd('5.1.e', 'limitation de la conservation'),
    rgpd('5.2', 'responsabilité (accountability)'),
    CNIL_SANCTIONS_2025,
  ],
  messages: ['noDate', 'noElectionDate', 'unknownCategory', 'noDuration', 'singleDonation'],
  check(ctx, report) {
    const d = decideRetention(ctx.cls, ctx.settings);
    if (d.status === 'kept' && ctx.cls.categoryReading === SINGLE_DONATION.id) {
      // Kept as a regular contact only on the tool's reading: as an occasional contact it would be gone.
      const occasional = decideRetention({ ...ctx.cls, category: 'occasional_contact' }, ctx.settings);
      if (occasional.status === 'expired') report({ message: 'singleDonation', params: { duration: d.duration, deadline: formatDay(d.deadline) } });
      return;
    }
    if (d.status !== 'unknown') return;
    if (d.reason === 'noDate') report({ message: 'noDate', params: { category: d.category, fields: d.fields.join(', ') } });
    else report({ message: d.reason, params: { category: d.category } });
  },
});
