/**
 * Export profiles (issue 12): what a tool's export means, as data. A profile is recognised once per file
 * from its header signature (and file name where the tool encodes the list status there); src/exports.ts
 * resolves it against the header, and the engine reads the result. What each fact is worth in law is
 * decided in src/law/ (consent.ts, sources.ts), never here.
 *
 * Column names are matched like headers (case-, accent-, space- and punctuation-insensitive), so
 * "E-mail 1 - Value" and "email1value" are the same name. Patterns are matched against that key.
 */
import type { Channel, Field, Source } from '../../types.js';

export interface ExportProfile {
  /** Stable name (`--profile NAME`, config `profile`, report `input.profile`). */
  name: string;
  /** Tool and file, for people ("Mailchimp, subscribed members export"). */
  label: string;
  /** Where the header row comes from: a section of fixtures/exports/SOURCES.md. */
  source: string;
  /**
   * Header signature: every `all` name present, at least one of `any` when given, at least one of each
   * `groups` list (a column a tool has renamed: HubSpot's `Record ID`, formerly `Contact ID`), none of `none`.
   */
  signature: { all: readonly string[]; any?: readonly string[]; groups?: readonly (readonly string[])[]; none?: readonly string[] };
  /** File-name pattern that settles the profile before the header does (Mailchimp's list status). */
  fileName?: RegExp;
  /** Recognised by its file name only (its header is another profile's: Mailchimp's non-subscribed file). */
  fileNameOnly?: boolean;
  /**
   * The tool whose files these are, when several profiles share one header and the file name tells
   * them apart: a file name naming one of them vetoes the others' header reading.
   */
  family?: string;
  /** Profiles tried first when several match (a file name beats a header). Default 0. */
  priority?: number;
  /** Field → column name (or names, the first present wins). Applied below the config mapping and `--map`. */
  mapping: Partial<Record<Field, string | readonly string[]>>;
  /** More columns holding contact data for a channel check (numbered and prefixed columns): names or key patterns. */
  contact?: Partial<Record<'email' | 'phone' | 'address', readonly (string | RegExp)[]>>;
  /** Columns whose non-empty, non-"no" value is an objection to these channels (blocklists, unsubscribes). */
  objections?: readonly (readonly [readonly Channel[], string])[];
  /** Columns read on purpose and left unmapped (not "misunderstood": they carry nothing the rules read). */
  known?: readonly (string | RegExp)[];
  /** Order of the day and month in its slash dates, when the tool writes one order. */
  dateOrder?: 'dmy' | 'mdy';
  /** Date cells that mean "no date" (Outlook's 0/0/00). */
  emptyDates?: readonly string[];
  /** Lines before the header: the first record matches this (LinkedIn's "Notes:"). */
  preamble?: RegExp;
  /** Facts true of every row of the file (see src/law/ for what each is worth). */
  facts?: {
    /** The origin of every row, in the `source` column's vocabulary, when the file has no source column. */
    source?: Source;
    /** The social network every row comes from. */
    network?: string;
    /** Every row is a relation accepted on `network` (law/sources.ts, NETWORK_CONNECTION). */
    connection?: boolean;
    /** The row is on the tool's list of subscribers for these channels (law/consent.ts, LIST_SUBSCRIPTION). */
    subscribed?: readonly Channel[];
    /**
     * The subscription is read from the blocklists ("not blocklisted" = subscribed): it holds only for
     * the channels whose objection column (`objections`) is in the file.
     */
    subscribedNeedsBlocklist?: boolean;
    /** The row is on the tool's list of people who unsubscribed from these channels. */
    objection?: readonly Channel[];
    /** The tool's record-creation date is not when consent was given (an import creates records too). */
    recordDate?: boolean;
    /**
     * Columns that bear the person's own sign-up (Mailchimp OPTIN_TIME, OPTIN_IP): on a row where none is
     * filled, the profile's `source` and the row's consent date do not hold (law/consent.ts,
     * DOUBLE_OPT_IN_PROOF): the list owner added it.
     */
    signup?: readonly string[];
  };
  /** Values of the source column this tool writes, per source ("Direct Traffic" → web_form). */
  sourceValues?: Partial<Record<Source, readonly string[]>>;
}
