import { defineRule } from './types.js';
import { columnsOfKind } from '../patterns.js';

/**
 * sensitive-data: religion, ethnic origin, name consonance, an origin derived from the birthplace,
 * health, sexual orientation or union membership (SPEC §3 patterns). RGPD art. 9.1 forbids processing
 * them and no exception covers political prospecting; the CNIL forbids sorting voters by the
 * consonance of their name or by their place of birth. The whole column leaves the cleaned file.
 */
export default defineRule({
  id: 'sensitive-data',
  severity: 'error',
  action: 'scrub-field',
  references: [
    {
      label: 'RGPD (règlement (UE) 2016/679), art. 9.1 — catégories particulières de données',
      url: 'https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32016R0679',
    },
    {
      label: 'CNIL — La communication politique par courrier électronique',
      url: 'https://www.cnil.fr/la-communication-politique-par-courrier-electronique',
    },
    {
      label: "CNIL — La communication politique : mode d'emploi (ancienne fiche pratique, adresse historique)",
      url: 'http://www.cnil.fr/documentation/fiches-pratiques/fiche/article/la-communication-politique-mode-demploi/',
    },
    {
      label: 'CNIL — Les fichiers de communication politique (21 octobre 2025)',
      url: 'https://www.cnil.fr/fr/les-fichiers-de-communication-politique',
    },
  ],
  messages: ['recorded'],
  removeColumns(plan) {
    return columnsOfKind(plan.detected, 'sensitive').map((c) => c.index);
  },
  check(ctx, report) {
    for (const c of columnsOfKind(ctx.plan.detected, 'sensitive')) {
      if (ctx.cells[c.index]?.trim()) report({ message: 'recorded', field: c.name, params: { column: c.name } });
    }
  },
});
