/**
 * Special categories and profiling (RGPD art. 9, 4.4), and minors: what may be recorded about whom. The
 * header patterns that recognise the columns are in src/vocabulary/columns.ts.
 */
import type { Category } from '../types.js';
import { decision } from './decision.js';
import { rgpd, CNIL_MINORS_PARENT, CNIL_POLITICAL_FILES, CNIL_SOCIAL_NETWORKS, LIL_ART45 } from './references.js';

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

/**
 * Whom a political body may record a declared political opinion about: "ses membres ou … anciens membres
 * ou … personnes entretenant avec elle des contacts réguliers" (RGPD art. 9.2.d). Former members are
 * classified as regular contacts (SPEC §5), so the two categories cover the three; about anyone else a
 * declared opinion is removed (political-opinion).
 */
export const OPINION_CATEGORIES = decision({
  id: 'data.opinion-categories',
  references: [rgpd('9.2.d', 'membres, anciens membres, contacts réguliers'), CNIL_POLITICAL_FILES],
  interpretation: false,
  value: new Set<Category>(['member', 'regular_contact']) as ReadonlySet<Category>,
});

/**
 * The age under which a consent needs a parent's as well: 15, "conjointement par le mineur concerné et
 * le ou les titulaires de l'autorité parentale" (loi Informatique et Libertés art. 45; CNIL,
 * recommandation 4). The article is about information-society services offered to a child (RGPD art.
 * 8); applying it to every political-communication consent is the tool's cautious reading (minor flags
 * the row, the file cannot show a parent's consent).
 */
export const CONSENT_AGE = decision({
  id: 'data.consent-age',
  references: [LIL_ART45, CNIL_MINORS_PARENT, rgpd('8', 'consentement des enfants (services de la société de l\'information)')],
  interpretation: true,
  value: 15,
});
