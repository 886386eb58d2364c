import { defineRule } from './types.js';
import { columnsOfKind } from '../patterns.js';
import { MEMBER_SCORES, OPINION_CATEGORIES } from '../law/data.js';
import { rgpd, rpp, CNIL_POLITICAL_FILES, CNIL_RPP_FICHES, CNIL_SOCIAL_NETWORKS, CNIL_VOTER_RIGHTS, QOMON_SOCIAL_NETWORKS } from './references.js';

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
  tags: ['data'],
  references: [
    rgpd('9.1 et 9.2.a/9.2.d', 'catégories particulières ; exceptions'),
    CNIL_POLITICAL_FILES,
    CNIL_VOTER_RIGHTS,
    CNIL_SOCIAL_NETWORKS,
    QOMON_SOCIAL_NETWORKS,
    // Online political ads may not use profiling on special categories, inferred opinions included.
    rpp('18.1.c', 'pas de profilage sur des catégories particulières'),
    CNIL_RPP_FICHES,
  ],
  decisions: ['category.member', 'category.by-source', 'data.member-scores', 'data.opinion-categories'],
  messages: ['declared', 'inferred', 'inferredMember'],
  removeColumns(plan) {
    return columnsOfKind(plan.detected, 'political_opinion_inferred').map((c) => c.index);
  },
  check(ctx, report) {
    const { category } = ctx.cls;
    // Art. 9.2.d: members, former members (classified as regular contacts) and regular contacts (law/data.ts).
    const lawful = OPINION_CATEGORIES.value.has(category);
    for (const c of columnsOfKind(ctx.plan.detected, 'political_opinion', 'political_opinion_inferred')) {
      if (!ctx.cells[c.index]?.trim()) continue;
      if (c.kind === 'political_opinion_inferred') {
        // About a member or regular contact, the finding stays but says it is the tool's reading (law/data.ts).
        report({ message: MEMBER_SCORES.value.has(category) ? 'inferredMember' : 'inferred', field: c.name, params: { column: c.name, category } });
      } else if (!lawful) {
        report({ message: 'declared', field: c.name, params: { column: c.name, category }, scrub: [c.index] });
      }
    }
  },
});
