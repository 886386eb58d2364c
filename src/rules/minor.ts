import { defineRule } from './types.js';
import { civilFromDays, addDuration, formatDay } from '../read/values.js';
import { CONSENT_AGE } from '../law/data.js';
import { rgpd, rpp, CNIL_MINORS_PARENT, CNIL_RPP_FICHES, LIL_ART45 } from './references.js';

/** Whole years between two day numbers. */
export function age(birth: number, at: number): number {
  let years = civilFromDays(at).y - civilFromDays(birth).y;
  if (addDuration(birth, { n: years, unit: 'y' }) > at) years--;
  return years;
}

/**
 * minor: the birth date gives an age under 15 at --as-of (law/data.ts, CONSENT_AGE). Art. 45 requires
 * the consent of the minor and of a parent jointly; the tool applies it to any political-communication
 * consent (an interpretation: the article targets online services). Flagged, not dropped: the file
 * cannot show a parent's consent.
 */
export default defineRule({
  id: 'minor',
  severity: 'warning',
  action: 'flag',
  tags: ['data'],
  decisions: ['data.consent-age'],
  references: [
    LIL_ART45,
    CNIL_MINORS_PARENT,
    rgpd('8', 'consentement des enfants (services de la société de l\'information)'),
    rpp('18.2', 'pas de ciblage des personnes d’au moins un an de moins que l’âge du droit de vote (political-ads)'),
    CNIL_RPP_FICHES,
  ],
  messages: ['underAge'],
  check(ctx, report) {
    const birth = ctx.cls.dates.birth_date;
    if (birth === undefined || birth > ctx.settings.asOf) return;
    if (addDuration(birth, { n: CONSENT_AGE.value, unit: 'y' }) > ctx.settings.asOf) {
      report({ message: 'underAge', field: 'birth_date', params: { age: age(birth, ctx.settings.asOf), asOf: formatDay(ctx.settings.asOf) } });
    }
  },
});
