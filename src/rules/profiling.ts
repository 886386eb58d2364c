import { defineRule } from './types.js';
import { columnsOfKind } from '../patterns.js';

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
  references: [
    {
      label: 'CNIL — Communication politique : quelles règles pour la collecte de données sur les réseaux sociaux ? (9 février 2023 ; 1re version novembre 2016)',
      url: 'https://www.cnil.fr/fr/communication-politique-quelles-regles-pour-la-collecte-de-donnees-sur-les-reseaux-sociaux',
    },
    {
      label: 'RGPD (règlement (UE) 2016/679), art. 4.4 et 21.2 — profilage ; opposition au profilage lié à la prospection',
      url: 'https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32016R0679',
    },
    {
      label: 'CNIL — Les fichiers du secteur privé (21 octobre 2025)',
      url: 'https://www.cnil.fr/fr/les-fichiers-du-secteur-prive',
    },
    {
      label: 'Règlement (UE) 2024/900 relatif à la transparence et au ciblage de la publicité à caractère politique (RPP)',
      url: 'https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32024R0900',
    },
    {
      label: 'CNIL — Logiciels de prospection politique et de stratégie électorale : 5 bons réflexes (5 février 2020)',
      url: 'https://www.cnil.fr/fr/logiciels-de-prospection-politique-et-de-strategie-electorale-5-bons-reflexes-pour-une-utilisation',
    },
    {
      label: "Qomon (centre d'aide) — Les réflexes RGPD dans le cadre d'une communication politique",
      url: 'https://help.qomon.com/fr/articles/3007673-les-reflexes-rgpd-dans-le-cadre-d-une-communication-politique',
    },
  ],
  messages: ['recorded'],
  removeColumns(plan) {
    return columnsOfKind(plan.detected, 'profiling').map((c) => c.index);
  },
  check(ctx, report) {
    for (const c of columnsOfKind(ctx.plan.detected, 'profiling')) {
      if (ctx.cells[c.index]?.trim()) report({ message: 'recorded', field: c.name, params: { column: c.name } });
    }
  },
});
