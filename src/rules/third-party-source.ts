import { defineRule } from './types.js';
import { THIRD_PARTY_SOURCES } from '../law/sources.js';
import { rgpd, rpp, CNIL_EMAIL, CNIL_PHONE, CNIL_PRIVATE_SECTOR_FILES, CNIL_SANCTIONS_2025 } from './references.js';

const MESSAGE = { file_rental: 'rented', purchased: 'purchased', third_party: 'thirdParty' } as const;

/**
 * third-party-source: the row comes from a rented or bought list or a partner's file. It may serve
 * only if the people were told, "au moment de la collecte initiale", of the possible political reuse
 * and could object; the file cannot show that, so the campaign must get the proof from the provider
 * (CNIL, communication politique par courrier électronique; par téléphone; RGPD art. 14).
 */
export default defineRule({
  id: 'third-party-source',
  severity: 'warning',
  action: 'flag',
  tags: ['source'],
  decisions: ['sources.third-party'],
  references: [
    CNIL_EMAIL,
    CNIL_PHONE,
    CNIL_PRIVATE_SECTOR_FILES,
    rgpd('14', 'information en cas de collecte indirecte'),
    rgpd('5.2', 'responsabilité (accountability)'),
    // Four of the five candidates sanctioned in December 2025 had not given the art. 13–14 information.
    CNIL_SANCTIONS_2025,
    rpp('18.1.a', 'jamais pour la publicité politique en ligne : données non collectées auprès de la personne'),
  ],
  messages: ['rented', 'purchased', 'thirdParty'],
  check(ctx, report) {
    const source = ctx.cls.source;
    if (THIRD_PARTY_SOURCES.value.has(source)) report({ message: MESSAGE[source as keyof typeof MESSAGE], field: 'source' });
  },
});
