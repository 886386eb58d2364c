import { defineRule } from './types.js';
import { columnsOfKind } from '../patterns.js';

/**
 * political-opinion: a political opinion, leaning, support level or vote intention (SPEC §3 patterns).
 * Political opinions are a special category (RGPD art. 9.1). A political body may record them only for
 * its members, former members and people in regular contact with it (art. 9.2.d), so a *declared*
 * opinion is emptied only on the other rows. An *inferred* opinion (score, probability, "inferred_*")
 * is not something the person disclosed: no exception covers it, so the column goes for everyone.
 */
export default defineRule({
  id: 'political-opinion',
  severity: 'error',
  action: 'scrub-field',
  references: [
    {
      label: 'RGPD (règlement (UE) 2016/679), art. 9.1 et 9.2.a/9.2.d — catégories particulières ; exceptions',
      url: 'https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32016R0679',
    },
    {
      label: 'CNIL — Les fichiers de communication politique (21 octobre 2025)',
      url: 'https://www.cnil.fr/fr/les-fichiers-de-communication-politique',
    },
    {
      label: 'CNIL — Les droits des électeurs',
      url: 'https://www.cnil.fr/fr/les-droits-des-electeurs',
    },
    {
      label: 'CNIL — Communication politique : quelles règles pour la collecte de données sur les réseaux sociaux ? (9 février 2023 ; 1re version novembre 2016)',
      url: 'https://www.cnil.fr/fr/communication-politique-quelles-regles-pour-la-collecte-de-donnees-sur-les-reseaux-sociaux',
    },
    {
      label: 'Qomon — Utilisation des données issues des réseaux sociaux : quelles règles en campagne ? (21 octobre 2023)',
      url: 'https://fr.qomon.com/blog/utilisation-reseaux-sociaux-election',
    },
  ],
  messages: ['declared', 'inferred'],
  removeColumns(plan) {
    return columnsOfKind(plan.detected, 'political_opinion_inferred').map((c) => c.index);
  },
  check(ctx, report) {
    const { category } = ctx.cls;
    // Former members are classified as regular contacts: still within art. 9.2.d.
    const lawful = category === 'member' || category === 'regular_contact';
    for (const c of columnsOfKind(ctx.plan.detected, 'political_opinion', 'political_opinion_inferred')) {
      if (!ctx.cells[c.index]?.trim()) continue;
      if (c.kind === 'political_opinion_inferred') {
        report({ message: 'inferred', field: c.name, params: { column: c.name } });
      } else if (!lawful) {
        report({ message: 'declared', field: c.name, params: { column: c.name, category }, scrub: [c.index] });
      }
    }
  },
});
