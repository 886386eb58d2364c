/**
 * The category of a row (SPEC §4): member, regular contact, occasional contact, voter, prospect. It
 * drives retention (law/retention.ts), art. 9.2.d (political-opinion) and the member's channels.
 */
import type { Category, Source } from '../types.js';
import { decision } from './decision.js';
import { rgpd, CNIL_POLITICAL_FILES, CNIL_SOCIAL_NETWORKS, CNIL_VOTER_LISTS, NS34, NS34_RETENTION_ARTICLE } from './references.js';

/**
 * A member: source membership and no membership_end passed at asOf, or a membership_end to come
 * (RGPD art. 9.2.d "membres ou anciens membres").
 */
export const MEMBER = decision({
  id: 'category.member',
  references: [rgpd('9.2.d', 'membres, anciens membres, contacts réguliers'), CNIL_POLITICAL_FILES],
  interpretation: false,
  value: 'member' as Category,
});

/** @decision category.member */
export function isMember(source: Source, membershipEnd: number | undefined, asOf: number | undefined): boolean {
  const endsLater = membershipEnd !== undefined && asOf !== undefined && membershipEnd >= asOf;
  return endsLater || (source === 'membership' && (membershipEnd === undefined || asOf === undefined));
}

/**
 * Per source, the category of a row that is not a current member. `regular`: always a regular contact
 * (the person asked to be kept informed: a follower, a sign-up; a former member, SPEC §5). `donor`: a
 * regular contact, on the text (frequent donor) or on the tool's reading (single donation), below.
 * `consent`: regular with a consent or a yes to the first message, else occasional. `voter`: a voter,
 * unless a consent is recorded (VOTER_CONSENT). `prospect`: a bought, rented or partner list, regular
 * only after a yes (NS 34).
 */
export const CATEGORY_BY_SOURCE = decision({
  id: 'category.by-source',
  references: [NS34, CNIL_POLITICAL_FILES, CNIL_SOCIAL_NETWORKS, CNIL_VOTER_LISTS],
  interpretation: true,
  value: {
    membership: 'regular', donation: 'donor', social_regular: 'regular', web_form: 'regular',
    petition: 'consent', in_person: 'consent', referral: 'consent', social_occasional: 'consent',
    electoral_list: 'voter',
    file_rental: 'prospect', purchased: 'prospect', third_party: 'prospect',
  } as Partial<Record<Source, 'regular' | 'donor' | 'consent' | 'voter' | 'prospect'>>,
});

/**
 * Voters: the list's data go "à l'issue du scrutin concerné, sauf si la personne a consenti à ce que ses
 * données soient utilisées à d'autres fins" (NS 34, durée de conservation). A voter row with a consent
 * recorded for a channel (the person asked to receive the campaign's messages) falls under that
 * exception: it is a regular contact, kept as one. Reading a channel opt-in as the consent NS 34 names
 * is the tool's interpretation (a list status or a generic yes on an electoral-list row is no consent).
 */
export const VOTER_CONSENT = decision({
  id: 'category.voter-consent',
  references: [NS34_RETENTION_ARTICLE, CNIL_VOTER_LISTS],
  interpretation: true,
  value: 'regular_contact' as Category,
});

/** What the category of a row is decided from (facts read by the classifier). */
export interface CategoryFacts {
  source: Source;
  /** A current member (isMember). */
  member: boolean;
  /** A consent for some channel, after objections (an assumed in-person consent included). */
  consented: boolean;
  reply: 'yes' | 'no' | undefined;
  /** A donor whose source text says they give regularly ("donateur fréquent", "dons mensuels"). */
  saysFrequent: boolean;
  /** The donation's date (`collected_at`) and the last contact from the person. */
  donatedAt: number | undefined;
  lastContactAt: number | undefined;
}

/** A category, and the id of the interpretation it rests on when it rests on one (a single donation). */
export interface CategoryReading {
  category: Category;
  reading?: string;
}

const READINGS = new Map<Category, CategoryReading>();
const plain = (category: Category): CategoryReading => {
  let r = READINGS.get(category);
  if (!r) READINGS.set(category, (r = { category }));
  return r;
};

/** @decision category.by-source
 * The category of a row (SPEC §4), and the interpretation it rests on, if any. */
export function categoryOf(f: CategoryFacts): CategoryReading {
  if (f.member) return plain(MEMBER.value);
  switch (CATEGORY_BY_SOURCE.value[f.source]) {
    case 'regular':
      return plain('regular_contact');
    case 'donor':
      return donorReading(f.saysFrequent, f.donatedAt, f.lastContactAt) === 'frequent'
        ? plain(FREQUENT_DONOR.value)
        : { category: SINGLE_DONATION.value, reading: SINGLE_DONATION.id };
    case 'consent':
      return plain(f.consented || f.reply === 'yes' ? 'regular_contact' : 'occasional_contact');
    case 'voter':
      return plain(f.consented ? VOTER_CONSENT.value : 'voter');
    case 'prospect':
      return plain(f.reply === 'yes' ? 'regular_contact' : 'prospect');
    default:
      return plain('unknown');
  }
}

/**
 * Donors: the CNIL counts "donateurs fréquents" among regular contacts (les fichiers de communication
 * politique, 2025; RGPD art. 9.2.d). A donor the file shows as frequent (its source says so, or the
 * person was in contact after the donation) is a regular contact on that text.
 */
export const FREQUENT_DONOR = decision({
  id: 'category.frequent-donor',
  references: [CNIL_POLITICAL_FILES, rgpd('9.2.d', 'contacts réguliers')],
  interpretation: false,
  value: 'regular_contact' as Category,
});

/**
 * A single donation with nothing after it is still read as a regular contact (not as an occasional
 * one): the tool's interpretation, since the CNIL's text speaks of frequent donors. retention-unknown
 * reports a row kept only thanks to this reading.
 */
export const SINGLE_DONATION = decision({
  id: 'category.single-donation',
  references: [CNIL_POLITICAL_FILES, NS34],
  interpretation: true,
  value: 'regular_contact' as Category,
});

/**
 * @decision category.frequent-donor
 * Which reading makes a donor a regular contact: `frequent` when the source text says so or a contact
 * from the person is dated after the donation (`collected_at`), else `single`.
 */
export function donorReading(saysFrequent: boolean, donatedAt: number | undefined, lastContactAt: number | undefined): 'frequent' | 'single' {
  if (saysFrequent) return 'frequent';
  return donatedAt !== undefined && lastContactAt !== undefined && lastContactAt > donatedAt ? 'frequent' : 'single';
}
