/**
 * Classification (SPEC §4): the facts of one row, read once from its fields: dates, source, network,
 * consent and objection cells, contact columns. The classifier decides nothing itself: it asks
 * src/law/ for the category and the basis of each channel. Rules read the result; they do not re-derive it.
 *
 * Everything that can be compiled is compiled once per file in `createClassifier` (vocabularies into a
 * few regular expressions, header look-ups into index lists), and free-text verdicts are memoised per
 * distinct cell value: a source column holds a few dozen distinct values over millions of rows.
 */
import type { Classification } from './rules/types.js';
import type { Config } from './config.js';
import { DATE_FIELDS, SOURCES, type Channel, type Field, type ForbiddenKind, type Source } from './types.js';
import { parseDate, type DateOrder } from './read/values.js';
import { channelsInText, parseChannels } from './channels.js';
import { fieldForHeader, normalizeHeader, objectionForWords, type Mapping } from './mapping.js';
import { contactColumns, holdsContact, type ContactKind, type ContactPlan } from './contact-columns.js';
import { compile, configTerms, fold, foldWord, memo, termKey, type Folded, type Matcher, type Terms } from './text.js';
import { ALL, BIT, SETS, maskOf } from './channel-set.js';
import { BROKER_TERMS, FORBIDDEN_TERMS, FORBIDDEN_TOPICS, FREQUENT_DONOR_TERMS, NETWORK_TERMS, SCRAPING_TOOLS, SIGNUP_TERMS, SOURCE_TERMS, type KnownSource } from './vocabulary/sources.js';
import { CHANNEL_OBJECTION_HEADERS, CONSENT_FIELDS, NOTHING } from './vocabulary/consent.js';
import { consentCellReader, replyOf } from './read/consent-cell.js';
import { FORBIDDEN_TOPIC_YIELDS, NETWORK_ALONE, SOURCE_PRECEDENCE } from './law/sources.js';
import {
  CONSENT_AT_COLLECTION, DOUBLE_OPT_IN_PROOF, LIST_SUBSCRIPTION, RECORD_DATE_NOT_PROOF, STATUS_TRUSTED, confirmedConsentDay, consentWord, firstMessageYesMask,
  genericConsentMask, inPersonAssumedMask, objectedMask, objectionCellObjects, objectionLifted, objectionScope, refusalObjects,
} from './law/consent.js';
import { categoryOf, isMember } from './law/category.js';
import { basisMask } from './law/channels.js';

export { channelVerdict, type ChannelVerdict } from './law/channels.js';
export { isOwnData } from './law/sources.js';

export interface Classifier {
  /** `cells` (the raw row) lets the classifier read unmapped look-alike columns (a second phone, do_not_call). */
  classify(get: (field: Field) => string | undefined, cells?: readonly string[]): Classification;
  /** Unmapped columns the classifier reads all the same (per-channel objections); contact columns are the plan's. */
  readonly columnsRead: ReadonlySet<number>;
  /** Whether the file has an objection column: general (beyond the mapped one) or per channel (a blocklist, do_not_call, STOP SMS). */
  readonly hasObjectionColumns: boolean;
}

export interface ClassifierOptions {
  /** Reference date (day number): a membership ending on or after it is current. Default: no membership_end counts as current. */
  asOf?: number;
  /** The header, to find unmapped contact and per-channel objection columns. */
  header?: readonly string[];
  /** Column of each mapped field. */
  mapping?: Mapping;
  /** What is known of the whole file (export profile, `--source`, date orders): resolved once per file. */
  file?: FileFacts;
  /** Columns an export profile reads itself or knows to hold nothing the rules read: never an objection by their name. */
  exclude?: ReadonlySet<number>;
  /**
   * Every contact column of each kind (src/contact-columns.ts), decided once per file; the engine's,
   * which may still grow by the columns whose values are contact data (engine.sample). Default: from
   * the header, the mapping and `file.contact`.
   */
  contact?: ContactPlan;
}

/** Facts of a whole file (issue 12): from its export profile, `--source` and the date-order decision. */
export interface FileFacts {
  /** Source text of every row whose source cell is empty or absent (the `source` column's vocabulary). */
  source?: string;
  /**
   * Columns bearing the person's own sign-up (Mailchimp OPTIN_TIME, OPTIN_IP): on a row with none filled,
   * an export profile's whole-file source (`sourceFromProfile`) and the consent date do not hold
   * (law/consent.ts, DOUBLE_OPT_IN_PROOF).
   */
  signup?: readonly number[];
  /** `source` is the export profile's, not `--source`'s. */
  sourceFromProfile?: boolean;
  /** The network of every row whose network cell is empty or absent. */
  network?: string;
  /** Channels (mask) the row is subscribed to by being in the file (law/consent.ts, LIST_SUBSCRIPTION). */
  subscribed?: number;
  /** Channels (mask) every row objected to (an unsubscribed-members file). */
  objected?: number;
  /** The collection date is the tool's record date, not when consent was given (law/consent.ts). */
  recordDate?: boolean;
  /** More contact columns, per channel check. */
  contact?: { email: readonly number[]; phone: readonly number[]; address: readonly number[] };
  /** Per-channel objection columns: [column, channel mask]. */
  objections?: readonly (readonly [number, number])[];
  /** Order of slash dates per date field (decided once per file; absent: day-first). Read at row time. */
  dateOrders?: Partial<Record<Field, DateOrder>>;
  /** Date cells meaning "no date" (Outlook's 0/0/00). */
  emptyDates?: ReadonlySet<string>;
}

/** The source kinds by their folded key ("web form" → web_form), for a cell or `--source` naming one. */
const CANONICAL_SOURCES: ReadonlyMap<string, Source> = new Map(SOURCES.filter((s) => s !== 'unknown').map((s) => [termKey(s), s]));

/** Per-channel objection headers, keyed by normalised header. */
const CHANNEL_OBJECTION_INDEX: Record<string, number> = (() => {
  const out: Record<string, number> = {};
  for (const [channels, headers] of CHANNEL_OBJECTION_HEADERS) for (const h of headers) out[normalizeHeader(h)] = maskOf(channels);
  return out;
})();


export function createClassifier(config: Config, mapped: ReadonlySet<Field>, options: ClassifierOptions = {}): Classifier {
  const { asOf, header = [], mapping = {}, file = {} } = options;
  const dateOrders = file.dateOrders ?? {};
  const emptyDates = file.emptyDates;
  const dateFields = DATE_FIELDS.filter((f) => mapped.has(f));
  const consentFields = CONSENT_FIELDS.filter(([f]) => mapped.has(f));
  const hasConsentColumn = consentFields.length > 0 || mapped.has('consent');
  const vocab = config.vocabulary ?? {};

  // --- Source and network matchers, built once.
  const forbiddenKinds = (Object.keys(FORBIDDEN_TERMS) as ForbiddenKind[]).map((k) => [k, compile(FORBIDDEN_TERMS[k])] as const);
  const topicKinds = (Object.entries(FORBIDDEN_TOPICS) as [ForbiddenKind, readonly (readonly Terms[])[]][]).map(
    ([k, alternatives]) => [k, alternatives.map((all) => all.map(compile))] as const,
  );
  /** The kind of forbidden file a topic word names ("cantine", "liste des mariages"), if any. */
  const topicOf = (f: Folded) => topicKinds.find(([, alternatives]) => alternatives.some((all) => all.every((m) => m(f))))?.[0];
  // Each source's own words; a web form also by generic sign-up words, which name no campaign collection.
  const explicit = new Map<KnownSource, Matcher>(
    (Object.keys(SOURCE_TERMS) as (keyof typeof SOURCE_TERMS)[]).map((s) => [s, compile(SOURCE_TERMS[s])]),
  );
  const builtIn = new Map(explicit);
  const signup = compile(SIGNUP_TERMS);
  builtIn.set('web_form', (f) => explicit.get('web_form')!(f) || signup(f));
  builtIn.set('forbidden', (f) => forbiddenKinds.some(([, m]) => m(f)));
  // The sources whose words show the campaign's own collection, beating a forbidden topic (law/sources.ts).
  const campaignWords = [...FORBIDDEN_TOPIC_YIELDS.value].map((s) => explicit.get(s)).filter((m): m is Matcher => m !== undefined);
  // The user's own words come first: they describe this campaign's exports.
  const custom: [KnownSource, Matcher][] = Object.entries(vocab.sources ?? {})
    .filter(([s, words]) => s !== 'unknown' && words && words.length)
    .map(([s, words]) => [s as KnownSource, compile(configTerms(words))]);
  const networks: [string, Matcher][] = [
    ...Object.entries(vocab.networks ?? {}).map(([name, words]) => [foldWord(name), compile(configTerms([name, ...words]))] as [string, Matcher]),
    ...NETWORK_TERMS.map(([name, terms]) => [name, compile(terms)] as [string, Matcher]),
  ];
  const scrapedMatcher = builtIn.get('social_scraped')!;
  const purchasedMatcher = builtIn.get('purchased')!;
  const scrapingTools = compile(SCRAPING_TOOLS);
  const brokers = compile(BROKER_TERMS);

  const networkIn = (f: Folded): string | undefined => networks.find(([, m]) => m(f))?.[0];

  const frequentDonor = compile(FREQUENT_DONOR_TERMS);
  const saysFrequent = memo((text: string) => frequentDonor(fold(text)));

  const sourceOf = memo((text: string): { source: Source; network?: string; forbiddenKind?: ForbiddenKind } => {
    const f = fold(text);
    const network = networkIn(f);
    // A source kind written as such ("web_form", `--source electoral_list`) is that kind.
    let source: Source | undefined = CANONICAL_SOURCES.get(termKey(text)) ?? custom.find(([, m]) => m(f))?.[0];
    let forbiddenKind: ForbiddenKind | undefined;
    if (source === undefined) {
      for (const s of network ? SOURCE_PRECEDENCE.value.social : SOURCE_PRECEDENCE.value.plain) {
        if (builtIn.get(s)!(f)) {
          source = s;
          break;
        }
      }
      if (source === 'forbidden') forbiddenKind = forbiddenKinds.find(([, m]) => m(f))?.[0];
      else {
        // A school, canteen, municipal-service or civil-status subject, unless the campaign's own words say it collected the row.
        const topic = topicOf(f);
        if (topic !== undefined && !campaignWords.some((m) => m(f))) {
          source = 'forbidden';
          forbiddenKind = topic;
        }
      }
    }
    // A network named with no other clue: a social contact of unknown kind, read as the least
    // entitled one (occasional) rather than as a follower.
    if (source === undefined) source = network ? NETWORK_ALONE.value : 'unknown';
    return { source, network, forbiddenKind };
  });

  const networkField = memo((text: string): string | undefined => {
    if (NOTHING.has(termKey(text))) return undefined;
    return networkIn(fold(text)) ?? 'other';
  });
  const networkInText = memo((text: string) => networkIn(fold(text)));

  const enrichmentOf = memo((text: string): Classification['enrichment'] => {
    if (NOTHING.has(termKey(text))) return undefined;
    const f = fold(text);
    const network = networkIn(f);
    if (scrapedMatcher(f) || scrapingTools(f)) return { kind: 'scraping', network };
    if (purchasedMatcher(f) || brokers(f)) return { kind: 'broker', network };
    if (network) return { kind: 'social', network };
    return { kind: 'other' };
  });

  // --- Consent and objection cells, read into word classes (src/read/consent-cell.ts).
  const consentValue = memo(consentCellReader(vocab.booleans));

  const replyText = memo((raw: string) => replyOf(consentValue(raw)));
  /** The channels a general cell names ("STOP SMS"), as a mask. */
  const namedChannels = memo((raw: string) => maskOf(channelsInText(raw)));
  const isBlank = memo((raw: string) => NOTHING.has(termKey(raw)));

  // --- Columns read by index: every contact column of a kind (src/contact-columns.ts) and per-channel objections.
  const contactPlan = options.contact ?? contactColumns(header, mapping, { extra: file.contact });
  const emailCols = contactPlan.email;
  const phoneCols = contactPlan.phone;
  const addressCols = contactPlan.address;
  const mappedIdx = new Set(Object.values(mapping));
  const channelObjectionCols: [number, number][] = [];
  // Every general objection column, not only the one mapped to `objection` ("Opposition" and
  // "Désinscrit" and "Ne souhaite plus être contacté"): each one the person may have filled.
  const generalObjectionCols: number[] = mapping.objection !== undefined ? [mapping.objection] : [];
  header.forEach((h, i) => {
    if (mappedIdx.has(i) || options.exclude?.has(i)) return;
    const exact = CHANNEL_OBJECTION_INDEX[normalizeHeader(h)];
    const byWords = exact === undefined ? (fieldForHeader(h) === 'objection' ? 'all' : objectionForWords(h)) : undefined;
    if (byWords === 'all') {
      generalObjectionCols.push(i);
      return;
    }
    // A phone objection also covers automated calls: objectedMask (law/consent.ts), applied per row.
    const mask = exact ?? (byWords === undefined ? undefined : BIT[byWords as Channel]);
    if (mask !== undefined) channelObjectionCols.push([i, mask]);
  });
  for (const [i, mask] of file.objections ?? []) if (!channelObjectionCols.some(([j]) => j === i)) channelObjectionCols.push([i, mask]);
  const channelIdx = mapping.channel;

  /** The contact columns holding data on the row: the mapped one when not blank, the others when their value is of the kind. */
  const nonEmpty = (cols: readonly number[], cells: readonly string[] | undefined, get: (f: Field) => string | undefined, field: ContactKind): readonly number[] => {
    if (!cells) return get(field) !== undefined && mapping[field] !== undefined ? [mapping[field]!] : [];
    let out: number[] | undefined;
    for (const i of cols) {
      const v = cells[i];
      if (v === undefined || v.trim() === '') continue;
      if (i === mapping[field] || holdsContact(field, v)) (out ??= []).push(i);
    }
    return out ?? EMPTY;
  };

  const columnsRead = new Set<number>([...channelObjectionCols.map(([i]) => i), ...generalObjectionCols]);

  return {
    columnsRead,
    hasObjectionColumns: channelObjectionCols.length > 0 || generalObjectionCols.length > 0,
    classify(get, cells) {
      // Dates.
      const dates: Partial<Record<Field, number>> = {};
      const invalidDates: Field[] = [];
      for (const f of dateFields) {
        const raw = get(f);
        const d = emptyDates !== undefined && raw !== undefined && emptyDates.has(raw) ? undefined : parseDate(raw, dateOrders[f]);
        if (typeof d === 'number') dates[f] = d;
        else if (d === null) invalidDates.push(f);
      }

      // A row of a sign-up tool's export with no trace of the person's sign-up was added by the list
      // owner: the tool's "sign-up" source and its confirmation date are not this row's (law/consent.ts).
      const added = file.signup !== undefined && cells !== undefined && DOUBLE_OPT_IN_PROOF.value.needsSignup && !file.signup.some((i) => cells[i]?.trim());
      if (added) delete dates.consent_date;

      // Source and network.
      const cellSource = get('source');
      const sourceText = cellSource ?? (added && file.sourceFromProfile ? undefined : file.source);
      const sourceGiven = sourceText !== undefined;
      const fromText = sourceGiven ? sourceOf(sourceText) : undefined;
      const netText = get('network') ?? file.network;
      const networkFromField = netText !== undefined ? networkField(netText) : undefined;
      const network = networkFromField ?? fromText?.network;
      let source: Source = fromText?.source ?? 'unknown';
      if (source === 'unknown' && networkFromField) source = NETWORK_ALONE.value;
      const forbiddenKind = fromText?.forbiddenKind;

      const enrichText = get('enrichment_source');
      const enrichment = enrichText !== undefined ? enrichmentOf(enrichText) : undefined;
      const channelText = channelIdx !== undefined ? get('channel') : undefined;
      const usedNetwork = channelText !== undefined ? networkInText(channelText) : undefined;

      const replyCell = get('first_message_reply');
      const firstMessageReply = replyCell !== undefined ? replyText(replyCell) : undefined;

      const contact = {
        email: nonEmpty(emailCols, cells, get, 'email'),
        phone: nonEmpty(phoneCols, cells, get, 'phone'),
        address: nonEmpty(addressCols, cells, get, 'address'),
      };
      /** Channels whose contact data is on the row: what an in-person or generic consent covers (SPEC §4). */
      const dataMask =
        (contact.email.length ? BIT.email : 0) |
        (contact.phone.length ? BIT.sms | BIT.phone : 0) |
        (contact.address.length ? BIT.post : 0);

      const member = isMember(source, dates.membership_end, asOf);

      // Consent and objections, per channel; what each word is worth, and for which channels, is the
      // law's (src/law/consent.ts). `objectedAll`: an objection to prospecting as a whole.
      let consent = 0;
      let objected = 0;
      let objection = false;
      let claimed = false;
      let objectionColumn: number | undefined;
      const statusCounts = STATUS_TRUSTED.value.has(source);
      for (const [field, channel] of consentFields) {
        const raw = get(field);
        if (raw === undefined) continue;
        const v = consentWord(consentValue(raw));
        if (v === 'yes' || (v === 'status' && statusCounts)) consent |= BIT[channel];
        if (v === 'yes' || v === 'status') claimed = true;
        else if (v === 'optout' || v === 'optoutAll') {
          const scope = objectionScope(v, BIT[channel], 0);
          if (scope === ALL) objection = true;
          else objected |= scope;
          objectionColumn ??= mapping[field];
        } else if ((v === 'refused' || v === 'false') && refusalObjects(v, channel, member)) {
          objected |= BIT[channel];
          objectionColumn ??= mapping[field];
        }
      }
      // On a sending tool's subscriber list: a consent claimed for that tool's channel (law/consent.ts).
      if (file.subscribed && LIST_SUBSCRIPTION.value) {
        if (statusCounts) consent |= file.subscribed;
        claimed = true;
      }
      if (file.objected) objected |= file.objected;
      let generic = false;
      const consentCell = get('consent');
      if (consentCell !== undefined) {
        const listed = parseChannels(consentCell);
        if (listed.length) {
          consent |= maskOf(listed);
          claimed = true;
        } else {
          const v = consentWord(consentValue(consentCell));
          if (v === 'yes' || v === 'status') {
            claimed = true;
            generic = v === 'yes' || statusCounts;
          } else if (v === 'optout' || v === 'optoutAll') {
            const scope = objectionScope(v, 0, namedChannels(consentCell));
            if (scope === ALL) objection = true;
            else objected |= scope;
            objectionColumn ??= mapping.consent;
          }
        }
      } else if (confirmedConsentDay(hasConsentColumn, dates) !== undefined) {
        claimed = true;
        generic = true;
      }
      // A generic consent covers only the channel of collection (SPEC §4).
      if (generic) consent |= genericConsentMask(source, dataMask);
      consent |= firstMessageYesMask(source, dataMask, firstMessageReply);

      // Objection: every general objection column ("Opposition" and "Désinscrit" and "Ne souhaite plus
      // être contacté", issue #12; the mapped one read through `get` when no cells are given), each as the
      // law reads the objection field: a channel its opt-out names ("STOP SMS") scopes it.
      for (const i of generalObjectionCols) {
        const raw = i === mapping.objection ? get('objection') : cells?.[i]?.trim();
        if (!raw) continue;
        const v = consentValue(raw);
        if (!objectionCellObjects(v, isBlank(raw)) || objectionLifted(v === 'date' ? (parseDate(raw) as number) : undefined, dates.consent_date)) continue;
        const scope = objectionScope(v, 0, namedChannels(raw));
        if (scope === ALL) {
          objection = true;
          objectionColumn = i;
          break;
        }
        objected |= scope;
        objectionColumn ??= i;
      }
      if (cells) {
        for (const [i, m] of channelObjectionCols) {
          const raw = cells[i];
          if (raw === undefined || raw.trim() === '') continue;
          const v = consentValue(raw);
          if (!objectionCellObjects(v, isBlank(raw))) continue;
          const scope = objectionScope(v, m, 0);
          if (scope === ALL) objection = true;
          else objected |= scope;
          objectionColumn ??= i;
        }
      }
      objected = objectedMask(objected);
      consent &= ~objected;
      if (objection) {
        consent = 0;
        objected = ALL;
      }

      // Category and basis: the law's (src/law/category.ts, src/law/channels.ts).
      const assumed = dataMask !== 0 ? inPersonAssumedMask(source, hasConsentColumn, generic, objection, dataMask) : 0;
      const { category, reading: categoryReading } = categoryOf({
        source,
        member,
        consented: consent !== 0 || assumed !== 0,
        reply: firstMessageReply,
        saysFrequent: source === 'donation' && sourceText !== undefined && saysFrequent(sourceText),
        donatedAt: dates.collected_at,
        lastContactAt: dates.last_contact_at,
      });
      const basis = basisMask({
        source,
        category,
        enrichment,
        consent,
        assumed,
        objected,
        firstMessageSent: dates.first_message_at !== undefined,
        firstMessageReply,
      });

      let consentDate = dates.consent_date;
      if (consentDate === undefined && claimed && CONSENT_AT_COLLECTION.value.has(source) && !(file.recordDate && !cellSource && RECORD_DATE_NOT_PROOF.value)) consentDate = dates.collected_at;

      return {
        source,
        network,
        category,
        basis: SETS[basis],
        consent: SETS[consent],
        hasConsentColumn,
        consentClaimed: claimed,
        objection,
        objectedChannels: SETS[objected],
        objectionColumn,
        enrichment,
        firstMessageReply,
        dates,
        invalidDates,
        forbiddenKind,
        sourceGiven,
        usedNetwork,
        consentAssumed: assumed !== 0,
        consentDate,
        contact,
        categoryReading,
      };
    },
  };
}

const EMPTY: readonly number[] = [];
