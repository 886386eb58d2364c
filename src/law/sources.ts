/**
 * Which sources are forbidden, which are third-party, and which source wins when a source text names
 * several (SPEC §4). The words themselves are in src/vocabulary/sources.ts.
 */
import type { Source } from '../types.js';
import type { KnownSource } from '../vocabulary/sources.js';
import { decision } from './decision.js';
import { rgpd, CNIL_EMAIL, CNIL_FORBIDDEN_FILES, CNIL_PRIVATE_SECTOR_FILES, CNIL_SOCIAL_NETWORKS, CNIL_VOTER_LISTS, CODE_ELECTORAL_L37 } from './references.js';

/**
 * Which source wins when several match. Files that are always a problem come first, so "Extraction
 * liste électorale" is not mistaken for a form and a forbidden word beats a generic one ("inscrits
 * cantine" is a school file, not a sign-up). When the text names a social network, the social
 * vocabulary beats the generic one: "Partage Facebook de la pétition" is a one-off share. Without a
 * network, generic words win: "abonné newsletter" is a web form.
 */
const HEAD: readonly KnownSource[] = ['forbidden', 'electoral_list', 'social_scraped', 'purchased', 'file_rental', 'third_party', 'membership', 'donation'];
export const SOURCE_PRECEDENCE = decision({
  id: 'sources.precedence',
  references: [CNIL_FORBIDDEN_FILES, CNIL_SOCIAL_NETWORKS],
  interpretation: true,
  value: {
    plain: [...HEAD, 'petition', 'web_form', 'in_person', 'referral', 'social_regular', 'social_occasional'] as readonly KnownSource[],
    social: [...HEAD, 'social_regular', 'social_occasional', 'petition', 'web_form', 'in_person', 'referral'] as readonly KnownSource[],
  },
});

/**
 * A school, canteen, municipal-service or civil-status word names a file the CNIL excludes ("les données
 * administratives liées … à la scolarité, ou à la gestion des services publics locaux"; "les données
 * d'état civil"), in any wording ("liste des inscrits à la cantine", "école de musique municipale"),
 * unless the text names the campaign's own collection by one of these sources' words: "Pétition
 * cantine bio", "Réunion publique fin de vie / décès", "newsletter mariage pour tous" are the campaign's
 * petition, meeting and newsletter about the subject. The electoral list (obtained from the town hall,
 * code électoral L37) is not a municipal-service file. Generic sign-up words ("inscrits", "inscription",
 * "en ligne") are no such sign. The tool's reading of the CNIL's list.
 */
export const FORBIDDEN_TOPIC_YIELDS = decision({
  id: 'sources.forbidden-topic',
  references: [CNIL_FORBIDDEN_FILES, CODE_ELECTORAL_L37],
  interpretation: true,
  value: new Set<KnownSource>(['electoral_list', 'membership', 'donation', 'petition', 'web_form', 'in_person', 'referral', 'social_regular', 'social_occasional']) as ReadonlySet<KnownSource>,
});

/**
 * A network named with no other clue (a `network` column alone, "Facebook"): a social contact of
 * unknown kind, read as the least entitled one, an occasional contact, rather than as a follower.
 */
export const NETWORK_ALONE = decision({
  id: 'sources.network-alone',
  references: [CNIL_SOCIAL_NETWORKS],
  interpretation: true,
  value: 'social_occasional' as Source,
});

/** Files the CNIL excludes from political communication: no use on any channel (les fichiers qui ne peuvent pas être utilisés). */
export const UNUSABLE_SOURCES = decision({
  id: 'sources.unusable',
  references: [CNIL_FORBIDDEN_FILES, CNIL_PRIVATE_SECTOR_FILES, CNIL_SOCIAL_NETWORKS],
  interpretation: false,
  value: new Set<Source>(['forbidden', 'social_scraped']) as ReadonlySet<Source>,
});

/** Rented, bought and partner files: the people must have been told of political reuse and able to object (RGPD art. 14). */
export const THIRD_PARTY_SOURCES = decision({
  id: 'sources.third-party',
  references: [CNIL_EMAIL, rgpd('14', 'information en cas de collecte indirecte')],
  interpretation: false,
  value: new Set<Source>(['file_rental', 'purchased', 'third_party']) as ReadonlySet<Source>,
});

/** Contacts made on a social network (the basis is the network itself, CNIL réseaux sociaux). */
export const SOCIAL_SOURCES = decision({
  id: 'sources.social',
  references: [CNIL_SOCIAL_NETWORKS],
  interpretation: false,
  value: new Set<Source>(['social_regular', 'social_occasional', 'social_scraped']) as ReadonlySet<Source>,
});

/**
 * Contact data a source itself provides, so an enrichment cannot have brought it: the electoral list
 * gives names and postal addresses (code électoral art. L37), nothing else.
 */
export const OWN_DATA = decision({
  id: 'sources.own-data',
  references: [CODE_ELECTORAL_L37, CNIL_VOTER_LISTS],
  interpretation: false,
  value: { electoral_list: ['address'] } as Partial<Record<Source, readonly ('email' | 'phone' | 'address')[]>>,
});

/** @decision sources.own-data */
export function isOwnData(source: Source, kind: 'email' | 'phone' | 'address'): boolean {
  return OWN_DATA.value[source]?.includes(kind) ?? false;
}

/**
 * A relation accepted on a professional or social network (a LinkedIn connection) is a regular social
 * contact on that network: the person chose to be connected, as a follower chooses to follow
 * (CNIL, communication politique et réseaux sociaux). What it allows stays on that network: an e-mail
 * obtained through it is social-network data (social-enrichment, cross-channel). The tool's reading.
 */
export const NETWORK_CONNECTION = decision({
  id: 'sources.network-connection',
  references: [CNIL_SOCIAL_NETWORKS],
  interpretation: true,
  value: 'social_regular' as Source,
});
