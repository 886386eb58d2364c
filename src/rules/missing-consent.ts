import { defineRule } from './types.js';
import { channelVerdict } from '../law/channels.js';
import { rgpd, CNIL_EMAIL, CNIL_PHONE, CNIL_SANCTIONS_2025 } from './references.js';

/**
 * missing-consent: the row is used on an opt-in channel (email, SMS, automated calls) and shows no
 * consent and no relationship at all. Political SMS and automated calls need prior consent (CNIL,
 * communication politique par téléphone); for email the CNIL aligns on commercial prospecting, which
 * the tool applies to every non-member (CNIL, par courrier électronique; RGPD art. 6.1.a and 7).
 */
export default defineRule({
  id: 'missing-consent',
  severity: 'error',
  action: 'drop-row',
  tags: ['consent'],
  decisions: ['consent.opt-in-channels', 'consent.status-trusted', 'channels.member-all', 'consent.date-is-opt-in', 'consent.list-subscription'],
  references: [
    CNIL_PHONE,
    CNIL_EMAIL,
    rgpd('6.1.a et 7', 'consentement comme base légale'),
    CNIL_SANCTIONS_2025,
  ],
  messages: ['noConsent'],
  check(ctx, report) {
    for (const channel of ctx.channels) {
      if (channelVerdict(ctx.cls, channel) === 'missing-consent') {
        report({ message: 'noConsent', params: { channel }, field: ctx.settings.for.length === 0 ? 'channel' : undefined });
      }
    }
  },
});
