import { defineRule } from './types.js';
import { channelVerdict } from '../law/channels.js';
import { rgpd, rpp, CNIL_EMAIL, CNIL_PHONE, CNIL_POLITICAL_FILES, CNIL_RPP_FICHES, QOMON_GDPR_REFLEXES, QOMON_SOCIAL_NETWORKS } from './references.js';

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
  tags: ['consent'],
  decisions: ['consent.generic-scope', 'consent.status-trusted', 'channels.member-all', 'channels.phone-post', 'channels.door', 'channels.social', 'channels.same-network', 'sources.network-alone', 'sources.network-connection', 'consent.date-is-opt-in', 'consent.list-subscription', 'consent.first-message-yes'],
  references: [
    CNIL_PHONE,
    CNIL_EMAIL,
    rgpd('4.11 et 7', 'consentement spécifique ; conditions du consentement'),
    rgpd('5.1.b', 'limitation des finalités'),
    CNIL_POLITICAL_FILES,
    // An address given for a newsletter is no basis for an ad audience (consent "distinct", art. 18.1.b).
    rpp('18.1.b', 'consentement explicite et distinct à la publicité politique'),
    CNIL_RPP_FICHES,
    QOMON_GDPR_REFLEXES,
    QOMON_SOCIAL_NETWORKS,
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
