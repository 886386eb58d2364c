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
import { rgpd, CNIL_EMAIL, CNIL_PHONE, CNIL_POLITICAL_FILES, CNIL_SOCIAL_NETWORKS } from './references.js';

/** Members may be contacted on any channel whose data they gave, unless they objected (SPEC §5; RGPD art. 9.2.d). */
export const MEMBER_CHANNELS = decision({
  id: 'channels.member-all',
  references: [rgpd('9.2.d', 'membres'), CNIL_POLITICAL_FILES],
  interpretation: true,
  value: ALL,
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
  if (f.category === 'member') basis = MEMBER_CHANNELS.value;
  else if (!UNUSABLE_SOURCES.value.has(f.source)) {
    const social = SOCIAL_SOURCES.value.has(f.source);
    // An electoral list's addresses are the list's own, whatever was appended to it.
    if (!social && f.enrichment === undefined) basis |= PHONE_POST_BASIS.value;
    else if (!social && isOwnData(f.source, 'address')) basis |= BIT.post;
    if (!social && (f.enrichment === undefined || f.enrichment.kind === 'broker' || f.enrichment.kind === 'other')) basis |= DOOR_BASIS.value;
    if (f.source === 'social_regular') basis |= SOCIAL_BASIS.value;
    if (f.source === 'social_occasional' && (!f.firstMessageSent || f.firstMessageReply === 'yes')) basis |= SOCIAL_BASIS.value;
  }
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
  if (UNUSABLE_SOURCES.value.has(cls.source)) return 'other';
  if (!hasDatum(cls, channel)) return 'other';
  if (cls.basis.has(channel)) {
    if (channel === 'social' && cls.category !== 'member' && network && cls.network && network !== cls.network && !cls.consent.has('social')) return 'cross-channel';
    return 'ok';
  }
  // "No consent at all": neither an opt-in for any channel nor a relationship (member, follower).
  const affirmative = cls.consent.size > 0 || cls.category === 'member' || cls.basis.has('social');
  if (OPT_IN_CHANNELS.value.has(channel) && !affirmative) return 'missing-consent';
  return cls.basis.size > 0 ? 'cross-channel' : 'other';
}
