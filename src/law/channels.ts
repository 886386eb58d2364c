/**
 * What each channel needs (SPEC §5 channel table): the basis a row shows for each channel, and the
 * verdict for a channel the row is used on, shared by cross-channel and missing-consent so that one
 * channel of one row gets at most one of the two. "Why was this SMS row dropped?" is answered here.
 */
import type { Classification } from '../rules/types.js';
import type { Channel } from '../types.js';
import { ALL, BIT } from '../channel-set.js';
import { decision } from './decision.js';
import { OPT_IN_CHANNELS } from './consent.js';
import { isOwnData, SOCIAL_SOURCES, UNUSABLE_SOURCES } from './sources.js';
import { rgpd, rpp, CNIL_EMAIL, CNIL_PHONE, CNIL_POLITICAL_FILES, CNIL_PRIVATE_SECTOR_FILES, CNIL_RPP_FICHES, CNIL_SOCIAL_NETWORKS, CNIL_VOTER_LISTS } from './references.js';
import type { Source } from '../types.js';

/**
 * Members may be contacted on any channel whose data they gave, unless they objected (SPEC §5; RGPD art.
 * 9.2.d). Not for online political ads: Regulation (EU) 2024/900 art. 18 asks everyone's separate consent.
 */
export const MEMBER_CHANNELS = decision({
  id: 'channels.member-all',
  references: [rgpd('9.2.d', 'membres'), CNIL_POLITICAL_FILES, rpp('18.1', 'conditions du ciblage')],
  interpretation: true,
  value: ALL & ~BIT.ads,
});

// --- Online political advertising (`ads`): Regulation (EU) 2024/900 arts. 18–19, applicable since
// 10 October 2025; the CNIL is the competent authority for them in France.

/**
 * Targeting may use only personal data "collected from the data subject" (art. 18.1.a). The electoral
 * list, rented, bought and partner files, referrals and scraped data never are (CNIL, listes
 * d'électeurs; fichiers du secteur privé). A social contact's data comes from the platform, and a row
 * of unknown origin cannot show it: both read as not collected from the person (the tool's reading).
 */
export const ADS_FROM_PERSON = decision({
  id: 'channels.ads-collected-from-person',
  references: [rpp('18.1.a', 'données collectées auprès de la personne'), CNIL_VOTER_LISTS, CNIL_PRIVATE_SECTOR_FILES, CNIL_RPP_FICHES],
  interpretation: true,
  value: new Set<Source>(['membership', 'donation', 'in_person', 'web_form', 'petition']) as ReadonlySet<Source>,
});

/** The person gave explicit consent, separately, to the use of their data for political advertising (art. 18.1.b): `consent_ads`. */
export const ADS_SEPARATE_CONSENT = decision({
  id: 'channels.ads-separate-consent',
  references: [rpp('18.1.b', 'consentement explicite et distinct'), CNIL_RPP_FICHES],
  interpretation: false,
  value: BIT.ads,
});

/**
 * No profiling that uses special categories of data (RGPD art. 9, inferred opinions included) (art.
 * 18.1.c). What the condition forbids is the use of that data for targeting, not the person: the
 * special-category cell is emptied on the row used for ads (political-ads scrubs it), and the row stays
 * when it meets the other conditions.
 */
export const ADS_NO_SPECIAL_CATEGORIES = decision({
  id: 'channels.ads-no-special-categories',
  references: [rpp('18.1.c', 'pas de profilage sur des catégories particulières'), rgpd('9.1', 'catégories particulières'), CNIL_RPP_FICHES],
  interpretation: false,
  value: ['political_opinion', 'political_opinion_inferred', 'sensitive'] as const,
});

/**
 * A party's member list uploaded for a custom audience reveals each person's political opinion
 * (membership of a political party is art. 9.1 data), and a lookalike audience built from it is
 * profiling on that data, which art. 18.1.c forbids whatever the consent. The tool lets the separate,
 * explicit consent to political ads (art. 18.1.b; an explicit consent is also RGPD art. 9.2.a's
 * exception) decide for members, and says why in the finding when it is missing: it cannot tell from
 * the file a custom audience from the seed of a lookalike. The tool's reading. The value: the categories
 * whose presence in an upload itself reveals an opinion.
 */
export const ADS_MEMBER_LIST = decision({
  id: 'channels.ads-member-list',
  references: [rpp('18.1.c', 'pas de profilage sur des catégories particulières'), rgpd('9.1 et 9.2.a', 'catégories particulières ; consentement explicite'), CNIL_RPP_FICHES, CNIL_POLITICAL_FILES],
  interpretation: true,
  value: new Set<Classification['category']>(['member']) as ReadonlySet<Classification['category']>,
});

/**
 * Never for a person known with reasonable certainty to be at least one year under the voting age
 * (art. 18.2): under 17 in France, where one votes at 18 (code électoral art. L2).
 */
export const ADS_MIN_AGE = decision({
  id: 'channels.ads-min-age',
  references: [rpp('18.2', 'mineurs'), CNIL_RPP_FICHES],
  interpretation: false,
  value: 17,
});

/**
 * Phone (a person calling) and post: no objection, and the number or address was not taken from a
 * social network or an enrichment (CNIL réseaux sociaux; par téléphone: no consent needed for calls by a
 * person, the right to object applies).
 */
export const PHONE_POST_BASIS = decision({
  id: 'channels.phone-post',
  references: [CNIL_PHONE, CNIL_SOCIAL_NETWORKS, rgpd('21.2', 'opposition à la prospection')],
  interpretation: false,
  value: BIT.phone | BIT.post,
});

/** Door: no door-to-door towards people targeted from social-network data (CNIL réseaux sociaux). */
export const DOOR_BASIS = decision({
  id: 'channels.door',
  references: [CNIL_SOCIAL_NETWORKS],
  interpretation: false,
  value: BIT.door,
});

/** Social: a follower on the same network; a one-off contact until the single first message (CNIL réseaux sociaux). */
export const SOCIAL_BASIS = decision({
  id: 'channels.social',
  references: [CNIL_SOCIAL_NETWORKS],
  interpretation: false,
  value: BIT.social,
});

export interface BasisFacts {
  source: Classification['source'];
  category: Classification['category'];
  enrichment: Classification['enrichment'];
  /** Channels consented (bit mask), objection already applied. */
  consent: number;
  /** Channels assumed consented (in person, no consent column), bit mask. */
  assumed: number;
  /** Channels refused one by one (bit mask). */
  objected: number;
  firstMessageSent: boolean;
  firstMessageReply: 'yes' | 'no' | undefined;
}

/** @decision channels.phone-post
 * The channels (bit mask) the row shows a basis for (SPEC §5 channel table). */
export function basisMask(f: BasisFacts): number {
  let basis = f.consent | f.assumed;
  if (f.category === 'member') basis = MEMBER_CHANNELS.value | (f.consent & ADS_SEPARATE_CONSENT.value);
  else if (!UNUSABLE_SOURCES.value.has(f.source)) {
    const social = SOCIAL_SOURCES.value.has(f.source);
    // An electoral list's addresses are the list's own, whatever was appended to it.
    if (!social && f.enrichment === undefined) basis |= PHONE_POST_BASIS.value;
    else if (!social && isOwnData(f.source, 'address')) basis |= BIT.post;
    if (!social && (f.enrichment === undefined || f.enrichment.kind === 'broker' || f.enrichment.kind === 'other')) basis |= DOOR_BASIS.value;
    if (f.source === 'social_regular') basis |= SOCIAL_BASIS.value;
    if (f.source === 'social_occasional' && (!f.firstMessageSent || f.firstMessageReply === 'yes')) basis |= SOCIAL_BASIS.value;
  }
  // Ads: the separate consent, on data collected from the person and not appended from elsewhere.
  if (!(f.consent & ADS_SEPARATE_CONSENT.value) || !ADS_FROM_PERSON.value.has(f.source) || (f.enrichment !== undefined && f.enrichment.kind !== 'other')) basis &= ~BIT.ads;
  return basis & ~f.objected;
}

export type ChannelVerdict =
  /** The row shows a basis for this channel. */
  | 'ok'
  /** No basis here and no consent or relationship at all: missing-consent (opt-in channels). */
  | 'missing-consent'
  /** No basis here but one for another channel: cross-channel. */
  | 'cross-channel'
  /** Left to other rules: an objection (objection-ignored), a forbidden or scraped source, no data for the channel, or no basis anywhere on an opt-out channel. */
  | 'other';

/** Whether the row holds the data a message on this channel needs; door and social need none on file. */
function hasDatum(cls: Classification, channel: Channel): boolean {
  switch (channel) {
    case 'email':
      return cls.contact.email.length > 0;
    case 'sms':
    case 'automated_call':
    case 'phone':
      return cls.contact.phone.length > 0;
    case 'post':
      return cls.contact.address.length > 0;
    default:
      return true;
  }
}

/**
 * The social basis is for the network of the contact only; consent is given to "ce mode de contact"
 * (CNIL, par téléphone; par courrier électronique; réseaux sociaux).
 */
export const SAME_NETWORK = decision({
  id: 'channels.same-network',
  references: [CNIL_SOCIAL_NETWORKS, CNIL_PHONE, CNIL_EMAIL],
  interpretation: false,
  value: true,
});

/**
 * @decision channels.same-network
 * The verdict for one channel the row is used on. `network`: the network the row is used on, when the
 * channel column names one ("Facebook"), to check a social contact is reached on the same network.
 */
export function channelVerdict(cls: Classification, channel: Channel, network?: string): ChannelVerdict {
  if (cls.objection || cls.objectedChannels.has(channel)) return 'other';
  // Online political ads have their own conditions and rule (political-ads).
  if (channel === 'ads') return 'other';
  if (UNUSABLE_SOURCES.value.has(cls.source)) return 'other';
  if (!hasDatum(cls, channel)) return 'other';
  if (cls.basis.has(channel)) {
    if (SAME_NETWORK.value && channel === 'social' && cls.category !== 'member' && network && cls.network && network !== cls.network && !cls.consent.has('social')) return 'cross-channel';
    return 'ok';
  }
  // "No consent at all": neither an opt-in for any channel nor a relationship (member, follower).
  const affirmative = cls.consent.size > 0 || cls.category === 'member' || cls.basis.has('social');
  if (OPT_IN_CHANNELS.value.has(channel) && !affirmative) return 'missing-consent';
  return cls.basis.size > 0 ? 'cross-channel' : 'other';
}
