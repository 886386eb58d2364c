import { defineRule } from './types.js';
import { columnsOfKind } from '../patterns.js';
import { BEHAVIOUR_PATTERNS, MEMBER_SCORES } from '../law/data.js';
import { rgpd, CNIL_PRIVATE_SECTOR_FILES, CNIL_SOCIAL_NETWORKS, QOMON_GDPR_REFLEXES } from './references.js';

/**
 * profiling: tracking data (cookies, device or advertising ids, IP, browsing, clicks, geolocation) and
 * behaviour-derived scores, segments or interests (SPEC §3 patterns). Such profiling (RGPD art. 4.4) is
 * done without the people's knowledge; in a political file a score or segment amounts to guessing an
 * opinion (CNIL réseaux sociaux; règlement (UE) 2024/900 for online political ads). The whole column
 * leaves the cleaned file. A behaviour score on a member or regular contact is reported as the tool's
 * reading (law/data.ts, MEMBER_SCORES): no text forbids it under art. 9.2.d.
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
  decisions: ['data.member-scores', 'data.behaviour-patterns'],
  messages: ['recorded', 'memberScore'],
  removeColumns(plan) {
    return columnsOfKind(plan.detected, 'profiling').map((c) => c.index);
  },
  check(ctx, report) {
    const known = MEMBER_SCORES.value.has(ctx.cls.category);
    for (const c of columnsOfKind(ctx.plan.detected, 'profiling')) {
      if (!ctx.cells[c.index]?.trim()) continue;
      const message = known && BEHAVIOUR_PATTERNS.value.has(c.pattern) ? 'memberScore' : 'recorded';
      report({ message, field: c.name, params: { column: c.name, category: ctx.cls.category } });
    }
  },
});
