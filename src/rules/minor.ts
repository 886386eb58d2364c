import { defineRule } from './types.js';
import { civilFromDays, addDuration, formatDay } from '../read/values.js';
import { rgpd, rpp, CNIL_RPP_FICHES } from './references.js';

/** Age under which consent needs a parent's too (loi Informatique et Libertés art. 45). */
export const CONSENT_AGE = 15;

/** Whole years between two day numbers. */
export function age(birth: number, at: number): number {
  let years = civilFromDays(at).y - civilFromDays(birth).y;
  if (addDuration(birth, { n: years, unit: 'y' }) > at) years--;
  return years;
}

/**
 * minor: the birth date gives an age under 15 at --as-of. Art. 45 requires the consent of the minor and
 * of a parent jointly; the tool applies it to any political-communication consent (an interpretation:
 * the article targets online services). Flagged, not dropped: the file cannot show a parent's consent.
 */
export default defineRule({
  id: 'minor',
  severity: 'warning',
  action: 'flag',
  tags: ['data'],
  references: [
    {
      label: 'Légifrance — Loi n° 78-17 du 6 janvier 1978 (Informatique et Libertés), article 45',
      url: 'https://www.legifrance.gouv.fr/loda/id/JORFTEXT000000886460',
    },
    {
      label: "CNIL — Recommandation 4 : rechercher le consentement d'un parent pour les mineurs de moins de 15 ans (9 juin 2021)",
      url: 'https://www.cnil.fr/fr/recommandation-4-rechercher-le-consentement-dun-parent-pour-les-mineurs-de-moins-de-15-ans',
    },
    rgpd('8', 'consentement des enfants (services de la société de l\'information)'),
    rpp('18.2', 'pas de ciblage des personnes d’au moins un an de moins que l’âge du droit de vote (political-ads)'),
    CNIL_RPP_FICHES,
  ],
  messages: ['underAge'],
  check(ctx, report) {
    const birth = ctx.cls.dates.birth_date;
    if (birth === undefined || birth > ctx.settings.asOf) return;
    if (addDuration(birth, { n: CONSENT_AGE, unit: 'y' }) > ctx.settings.asOf) {
      report({ message: 'underAge', field: 'birth_date', params: { age: age(birth, ctx.settings.asOf), asOf: formatDay(ctx.settings.asOf) } });
    }
  },
});
