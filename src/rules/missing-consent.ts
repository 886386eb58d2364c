import { defineRule } from './types.js';
import { channelVerdict } from '../classify.js';

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
  references: [
    {
      label: 'CNIL — La communication politique par téléphone (SMS/MMS, automates d\'appel)',
      url: 'https://www.cnil.fr/fr/la-communication-politique-par-telephone',
    },
    {
      label: 'CNIL — La communication politique par courrier électronique',
      url: 'https://www.cnil.fr/la-communication-politique-par-courrier-electronique',
    },
    {
      label: 'RGPD (règlement (UE) 2016/679), art. 6.1.a et 7 — consentement comme base légale',
      url: 'https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32016R0679',
    },
    {
      label: 'CNIL — Prospection politique : la CNIL sanctionne cinq candidats aux élections européennes et législatives 2024 (18 décembre 2025)',
      url: 'https://www.cnil.fr/fr/prospection-politique-sanction-candidats-2024',
    },
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
