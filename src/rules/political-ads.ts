import { defineRule } from './types.js';
import { age } from './minor.js';
import { columnsOfKind } from '../patterns.js';
import { ADS_FROM_PERSON, ADS_MEMBER_LIST, ADS_MIN_AGE, ADS_NO_SPECIAL_CATEGORIES } from '../law/channels.js';
import { UNUSABLE_SOURCES } from '../law/sources.js';
import { formatDay } from '../read/values.js';
import { rgpd, rpp, CNIL_PRIVATE_SECTOR_FILES, CNIL_RPP_FICHES, CNIL_VOTER_LISTS } from './references.js';

/**
 * political-ads: the row is used for online political advertising (custom audiences, lookalikes,
 * targeted sponsored posts: `--for ads` or its channel column) without meeting Regulation (EU) 2024/900
 * art. 18: (a) data collected from the person, (b) their explicit, separate consent to political ads,
 * (c) no profiling on special categories (art. 9 data, inferred opinions included), and never a person
 * known to be under 17 (art. 18.2). Electoral-list, rented and partner rows can never be used for ads.
 * A failed (a), (b) or age condition drops the row; (c) empties the special-category cell (the data may
 * not be used, the person may be reached). The conditions are decided in src/law/channels.ts;
 * objections are objection-ignored's business.
 */
export default defineRule({
  id: 'political-ads',
  severity: 'error',
  action: 'drop-row',
  tags: ['consent', 'data'],
  decisions: ['channels.ads-collected-from-person', 'channels.ads-separate-consent', 'channels.ads-no-special-categories', 'channels.ads-member-list', 'channels.ads-min-age', 'channels.member-all', 'sources.unusable'],
  references: [
    rpp('18', 'conditions du ciblage et de la diffusion'),
    rpp('19', 'transparence du ciblage'),
    CNIL_RPP_FICHES,
    CNIL_VOTER_LISTS,
    CNIL_PRIVATE_SECTOR_FILES,
    rgpd('9.1', 'catégories particulières'),
  ],
  messages: ['notFromPerson', 'noConsent', 'noConsentMember', 'specialCategories', 'underAge'],
  check(ctx, report) {
    if (!ctx.channels.includes('ads')) return;
    const { cls } = ctx;
    if (cls.objection || cls.objectedChannels.has('ads') || UNUSABLE_SOURCES.value.has(cls.source)) return;
    const field = ctx.settings.for.length === 0 ? 'channel' : undefined;
    const appended = cls.enrichment !== undefined && cls.enrichment.kind !== 'other';
    if (!ADS_FROM_PERSON.value.has(cls.source) || appended) report({ message: 'notFromPerson', params: { source: cls.source }, field: appended ? 'enrichment_source' : 'source' });
    // ADS_SEPARATE_CONSENT: only consent_ads (or a consent column listing ads) counts; a generic yes never does.
    // On a member list, membership itself reveals an opinion (ADS_MEMBER_LIST): the finding says so.
    if (!cls.consent.has('ads')) report({ message: ADS_MEMBER_LIST.value.has(cls.category) ? 'noConsentMember' : 'noConsent', field: field ?? 'consent_ads' });
    // ADS_NO_SPECIAL_CATEGORIES: the cell is emptied, the row stays if it meets the other conditions.
    for (const c of columnsOfKind(ctx.plan.detected, ...ADS_NO_SPECIAL_CATEGORIES.value)) {
      if (ctx.cells[c.index]?.trim()) report({ message: 'specialCategories', params: { column: c.name }, field: c.name, action: 'scrub-field', scrub: [c.index] });
    }
    const birth = cls.dates.birth_date;
    if (birth !== undefined && age(birth, ctx.settings.asOf) < ADS_MIN_AGE.value) {
      report({ message: 'underAge', params: { age: age(birth, ctx.settings.asOf), minAge: ADS_MIN_AGE.value, asOf: formatDay(ctx.settings.asOf) }, field: 'birth_date' });
    }
  },
});
