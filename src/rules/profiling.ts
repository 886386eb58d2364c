import { defineRule, wholeColumns } from './types.js';
import { rgpd, CNIL_PRIVATE_SECTOR_FILES, CNIL_SOCIAL_NETWORKS, QOMON_GDPR_REFLEXES } from './references.js';

/**
 * profiling: tracking data (cookies, device or advertising ids, IP, browsing, clicks, geolocation) and
 * behaviour-derived scores, segments or interests (SPEC §3 patterns). Such profiling (RGPD art. 4.4) is
 * done without the people's knowledge; in a political file a score or segment amounts to guessing an
 * opinion (CNIL réseaux sociaux; règlement (UE) 2024/900 for online political ads). The whole column
 * leaves the cleaned file.
 */
export default defineRule({
  id: 'profiling',
  severity: 'error',
  action: 'scrub-field',
  tags: ['data'],
  references: [
    CNIL_SOCIAL_NETWORKS,
    rgpd('4.4 et 21.2', 'profilage ; opposition au profilage lié à la prospection'),
    CNIL_PRIVATE_SECTOR_FILES,
    {
      label: 'Règlement (UE) 2024/900 relatif à la transparence et au ciblage de la publicité à caractère politique (RPP)',
      url: 'https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32024R0900',
    },
    {
      label: 'CNIL — Logiciels de prospection politique et de stratégie électorale : 5 bons réflexes (5 février 2020)',
      url: 'https://www.cnil.fr/fr/logiciels-de-prospection-politique-et-de-strategie-electorale-5-bons-reflexes-pour-une-utilisation',
    },
    QOMON_GDPR_REFLEXES,
  ],
  messages: ['recorded'],
  ...wholeColumns('profiling'),
});
