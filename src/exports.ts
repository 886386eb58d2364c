/**
 * Export profiles (issue 12): recognise the tool a file was exported from, once per file, from its
 * header signature and file name, and resolve the profile against the header into column indexes the
 * engine reads. Never per row. The profiles themselves are data, in src/vocabulary/exports/.
 */
import { basename } from 'node:path';
import { usageError } from './errors.js';
import { normalizeHeader } from './mapping.js';
import { maskOf } from './channel-set.js';
import { FIELDS, type Field } from './types.js';
import { PROFILES, PROFILE_NAMES, type ExportProfile } from './vocabulary/exports/index.js';

export { PROFILES, PROFILE_NAMES, type ExportProfile };

/** How the profile was chosen: from the file name, the header, `--profile`/config, or none. */
export type ProfileOrigin = 'file-name' | 'header' | 'forced';

export interface ProfileChoice {
  profile: ExportProfile;
  origin: ProfileOrigin;
}

function signatureMatches(p: ExportProfile, keys: ReadonlySet<string>): boolean {
  const s = p.signature;
  if (!s.all.every((h) => keys.has(normalizeHeader(h)))) return false;
  if (s.any && !s.any.some((h) => keys.has(normalizeHeader(h)))) return false;
  if (s.groups && !s.groups.every((g) => g.some((h) => keys.has(normalizeHeader(h))))) return false;
  if (s.none && s.none.some((h) => keys.has(normalizeHeader(h)))) return false;
  return true;
}

/**
 * The profile of a file: `wanted` is `--profile` or config `profile` (a name, or "none" to read the
 * file with no profile); otherwise the file name, then the header signature decide. A file name is
 * trusted only when the header agrees with the tool (Mailchimp's three files share one header core).
 */
export function chooseProfile(header: readonly string[], fileName: string | undefined, wanted?: string): ProfileChoice | undefined {
  if (wanted === 'none') return undefined;
  if (wanted !== undefined) {
    const p = PROFILES.find((x) => x.name === wanted);
    if (!p) throw usageError('profile', { value: wanted, known: [...PROFILE_NAMES, 'none'].join(', ') });
    return { profile: p, origin: 'forced' };
  }
  const keys = new Set(header.map(normalizeHeader));
  const name = fileName ? basename(fileName) : undefined;
  /** Tools whose file name named one of their files: their other files may not be read from the header. */
  const vetoed = new Set<string>();
  if (name) {
    for (const p of PROFILES) {
      if (!p.fileName?.test(name)) continue;
      if (p.family) vetoed.add(p.family);
      // The name settles which of a tool's files it is; the header must still be that tool's.
      const core = { ...p, signature: { all: p.signature.all.filter((h) => !/^(UNSUB|CLEAN)_/.test(h)) } };
      if (signatureMatches(core, keys)) return { profile: p, origin: 'file-name' };
    }
  }
  // A Mailchimp file named "nonsubscribed_…" whose header is not recognised is not read as "subscribed".
  const p = PROFILES.find((x) => !x.fileNameOnly && !(x.family && vetoed.has(x.family)) && signatureMatches(x, keys));
  return p ? { profile: p, origin: 'header' } : undefined;
}

/** A profile resolved against one header: column indexes, computed once per file. */
export interface ProfilePlan {
  name: string;
  /** Field → column name, for the mapping (below config and `--map`). */
  mapping: Partial<Record<Field, string>>;
  /** More contact columns per channel check. */
  contact: { email: number[]; phone: number[]; address: number[] };
  /** Per-channel objection columns: [column, channel mask]. */
  objections: [number, number][];
  /** Columns the profile reads or deliberately leaves unmapped. */
  known: Set<number>;
  /** Columns bearing the person's own sign-up (facts.signup) present in the header; absent when the profile names none. */
  signup?: number[];
  profile: ExportProfile;
}

function matcher(names: readonly (string | RegExp)[] | undefined): (key: string) => boolean {
  const exact = new Set<string>();
  const patterns: RegExp[] = [];
  for (const n of names ?? []) {
    if (typeof n === 'string') exact.add(normalizeHeader(n));
    else patterns.push(n);
  }
  return (key) => exact.has(key) || patterns.some((r) => r.test(key));
}

export function planProfile(profile: ExportProfile, header: readonly string[]): ProfilePlan {
  const keys = header.map(normalizeHeader);
  const indexOf = (name: string) => keys.indexOf(normalizeHeader(name));
  const mapping: Partial<Record<Field, string>> = {};
  const known = new Set<number>();
  for (const field of FIELDS) {
    const want = profile.mapping[field];
    if (want === undefined) continue;
    for (const name of typeof want === 'string' ? [want] : want) {
      const i = indexOf(name);
      if (i !== -1) {
        mapping[field] = header[i];
        known.add(i);
        break;
      }
    }
  }
  const mappedIdx = new Set(known);
  const contact = { email: [] as number[], phone: [] as number[], address: [] as number[] };
  for (const kind of ['email', 'phone', 'address'] as const) {
    const is = matcher(profile.contact?.[kind]);
    keys.forEach((k, i) => {
      if (!mappedIdx.has(i) && is(k)) {
        contact[kind].push(i);
        known.add(i);
      }
    });
  }
  const objections: [number, number][] = [];
  for (const [channels, name] of profile.objections ?? []) {
    const i = indexOf(name);
    if (i !== -1 && !mappedIdx.has(i)) {
      objections.push([i, maskOf(channels)]);
      known.add(i);
    }
  }
  const isKnown = matcher(profile.known);
  keys.forEach((k, i) => {
    if (isKnown(k)) known.add(i);
  });
  const signup = profile.facts?.signup?.map(indexOf).filter((i) => i !== -1);
  return { name: profile.name, mapping, contact, objections, known, profile, ...(signup ? { signup } : {}) };
}
