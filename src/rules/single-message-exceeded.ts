import { defineRule } from './types.js';
import { parseBoolean } from '../read/values.js';
import { CNIL_PHONE, CNIL_SOCIAL_NETWORKS, NS34, NS34_RETENTION_ARTICLE } from './references.js';

/**
 * single-message-exceeded: an occasional contact (a one-off social interaction, a referral, a rented or
 * bought list) already had the single first message, did not answer yes, and is used again. The CNIL
 * allows "un seul et unique message (sans relance)" and deletion "dans un délai maximal de deux mois
 * après l'envoi de l'unique message" without a positive answer (délib. 2012-020; NS 34, délib. 2012-021).
 */
export default defineRule({
  id: 'single-message-exceeded',
  severity: 'error',
  action: 'drop-row',
  tags: ['consent'],
  decisions: ['category.by-source', 'consent.first-message-yes'],
  references: [
    NS34_RETENTION_ARTICLE,
    NS34,
    {
      label: 'Légifrance — Délibération CNIL n° 2012-020 du 26 janvier 2012 portant recommandation sur les fichiers des partis, élus et candidats',
      url: 'https://www.legifrance.gouv.fr/cnil/id/CNILTEXT000025364626/',
    },
    CNIL_PHONE,
    CNIL_SOCIAL_NETWORKS,
  ],
  messages: ['noReply', 'refused'],
  check(ctx, report) {
    const { cls } = ctx;
    // Without a channel the row is not "used again" as far as the file says.
    if (ctx.channels.length === 0) return;
    if (cls.category !== 'occasional_contact' && cls.category !== 'prospect') return;
    if (cls.firstMessageReply === 'yes') return;
    // The column may hold the date of the message or just say it was sent ("oui").
    const sent = cls.dates.first_message_at !== undefined || parseBoolean(ctx.get('first_message_at')) === true;
    if (!sent) return;
    report({
      message: cls.firstMessageReply === 'no' ? 'refused' : 'noReply',
      params: { channels: ctx.channels.join(', ') },
      field: 'first_message_at',
    });
  },
});
