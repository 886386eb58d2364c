import { defineRule } from './types.js';
import { UNUSABLE_SOURCES } from '../law/sources.js';
import { rgpd, CNIL_SANCTIONS_2025 } from './references.js';

/**
 * missing-consent-proof: the row claims a consent that nothing dates. When processing rests on consent
 * the controller "est en mesure de démontrer" it (RGPD art. 7.1). A consent given at collection (web
 * form, petition, meeting) is dated by the collection date; one on a bought list, a social contact or a
 * row of unknown origin needs its own date. In a file with no consent column at all, an in-person
 * contact is assumed to have agreed to the channels whose details they gave (SPEC §4); that assumption
 * is reported here too.
 */
export default defineRule({
  id: 'missing-consent-proof',
  severity: 'warning',
  action: 'flag',
  tags: ['consent'],
  decisions: ['consent.dated-by-collection', 'consent.in-person-assumed', 'consent.double-opt-in-proof'],
  references: [
    rgpd('7.1', 'preuve du consentement'),
    CNIL_SANCTIONS_2025,
  ],
  messages: ['noDate', 'inPersonAssumed'],
  check(ctx, report) {
    const { cls } = ctx;
    // An objection makes the consent moot (objection-ignored reports the row), and so does a source
    // no consent can make usable (social-scraping, forbidden-source).
    if (cls.objection || UNUSABLE_SOURCES.value.has(cls.source)) return;
    if (cls.consentAssumed) report({ message: 'inPersonAssumed' });
    // Only a consent the tool counts needs its proof: a list status it does not read as the person's
    // consent (a "subscribed" set on import of a bought list) is no basis to begin with.
    else if (cls.consent.size > 0 && cls.consentDate === undefined) report({ message: 'noDate', field: 'consent_date' });
  },
});
