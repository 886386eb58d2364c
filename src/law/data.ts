/**
 * Special categories and profiling (RGPD art. 9, 4.4): what may be recorded about whom. The header
 * patterns that recognise the columns are in src/vocabulary/columns.ts.
 */
import type { Category } from '../types.js';
import { decision } from './decision.js';
import { rgpd, CNIL_POLITICAL_FILES, CNIL_SOCIAL_NETWORKS } from './references.js';

/**
 * A behaviour score or segment (an activity score, a mobilisation segment) on a member or a regular
 * contact: no text forbids a party scoring its members' activity under art. 9.2.d, so the finding is
 * kept but marked as the tool's reading. About anyone else it is profiling without the person's
 * knowledge (CNIL réseaux sociaux), and an inferred opinion is an error for them (art. 9.1).
 */
export const MEMBER_SCORES = decision({
  id: 'data.member-scores',
  references: [rgpd('9.2.d', 'membres et contacts réguliers'), CNIL_POLITICAL_FILES, CNIL_SOCIAL_NETWORKS],
  interpretation: true,
  value: new Set<Category>(['member', 'regular_contact']) as ReadonlySet<Category>,
});

/** Pattern ids (src/vocabulary/columns.ts) that are behaviour-derived scores or segments. */
export const BEHAVIOUR_PATTERNS = decision({
  id: 'data.behaviour-patterns',
  references: [rgpd('4.4', 'profilage'), CNIL_SOCIAL_NETWORKS],
  interpretation: false,
  value: new Set(['score', 'segment', 'affinity', 'interests', 'inferred-attribute']) as ReadonlySet<string>,
});
