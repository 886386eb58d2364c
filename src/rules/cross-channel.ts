import { defineRule } from './types.js';
import { channelVerdict } from '../classify.js';

/**
 * cross-channel: the row is used on a channel for which it shows no basis, while it has one for
 * another channel: a newsletter address sent an SMS, a social contact reached by email or at the door.
 * Consent is given to "ce mode de contact" (CNIL, communication politique par téléphone; par courrier
 * électronique; RGPD art. 4.11 and 5.1.b). A row with no consent or relationship at all on an opt-in
 * channel is missing-consent instead: the shared channelVerdict gives each channel one verdict.
 */
export default defineRule({
  id: 'cross-channel',
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
      label: 'RGPD (règlement (UE) 2016/679), art. 4.11 et 7 — consentement spécifique ; conditions du consentement',
      url: 'https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32016R0679',
    },
    {
      label: 'RGPD (règlement (UE) 2016/679), art. 5.1.b — limitation des finalités',
      url: 'https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32016R0679',
    },
    {
      label: 'Qomon (centre d\'aide) — Les réflexes RGPD dans le cadre d\'une communication politique',
      url: 'https://help.qomon.com/fr/articles/3007673-les-reflexes-rgpd-dans-le-cadre-d-une-communication-politique',
    },
    {
      label: 'Qomon — Utilisation des données issues des réseaux sociaux : quelles règles en campagne ? (21 octobre 2023)',
      url: 'https://fr.qomon.com/blog/utilisation-reseaux-sociaux-election',
    },
  ],
  messages: ['otherChannel', 'otherNetwork'],
  check(ctx, report) {
    const { cls } = ctx;
    // The channel column can name the network ("Facebook"); --for only says "social".
    const fromColumn = ctx.settings.for.length === 0;
    const usedNetwork = fromColumn ? cls.usedNetwork : undefined;
    const field = fromColumn ? 'channel' : undefined;
    for (const channel of ctx.channels) {
      if (channelVerdict(cls, channel, usedNetwork) !== 'cross-channel') continue;
      if (channel === 'social' && cls.basis.has('social')) {
        report({ message: 'otherNetwork', params: { network: usedNetwork ?? '', contactNetwork: cls.network ?? '' }, field });
      } else {
        report({ message: 'otherChannel', params: { channel, basis: [...cls.basis].join(', ') }, field });
      }
    }
  },
});
