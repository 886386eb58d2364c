import { describe, expect, it } from 'vitest';
import { decideRetention } from '../src/law/retention.js';
import { parseDate } from '../src/read/values.js';
import { DEFAULT_RETENTION } from '../src/engine.js';
import type { Category, Field } from '../src/types.js';
import type { RuleSettings } from '../src/rules/types.js';

const d = (s: string) => parseDate(s) as number;
const settings = (extra: Partial<RuleSettings> = {}): RuleSettings => ({ for: [], asOf: d('2026-11-23'), retention: DEFAULT_RETENTION, ...extra });
const decide = (category: Category, dates: Partial<Record<Field, string>>, extra?: Partial<RuleSettings>) =>
  decideRetention({ category, dates: Object.fromEntries(Object.entries(dates).map(([k, v]) => [k, d(v!)])) }, settings(extra));

describe('decideRetention (SPEC §5)', () => {
  it('regular contact: 3 years after the latest exchange, kept through the deadline day', () => {
    expect(decide('regular_contact', { last_contact_at: '2023-11-23' })).toMatchObject({ status: 'kept', from: 'last_contact_at' });
    expect(decide('regular_contact', { last_contact_at: '2023-11-22' })).toMatchObject({ status: 'expired', duration: '3y', deadline: d('2026-11-22') });
    expect(decide('regular_contact', { last_contact_at: '2020-01-01', consent_date: '2025-01-01' })).toMatchObject({ status: 'kept', from: 'consent_date' });
    expect(decide('regular_contact', { collected_at: '2019-03-05' })).toMatchObject({ status: 'expired', from: 'collected_at' });
    expect(decide('regular_contact', {})).toMatchObject({ status: 'unknown', reason: 'noDate' });
  });

  it('member: current until membership_end, then a regular contact from that date', () => {
    expect(decide('member', {})).toEqual({ status: 'current' });
    expect(decide('member', { membership_end: '2027-01-31', last_contact_at: '2010-01-01' })).toEqual({ status: 'current' });
    expect(decide('member', { membership_end: '2024-12-31' })).toMatchObject({ status: 'kept', category: 'regular_contact', from: 'membership_end' });
    expect(decide('member', { membership_end: '2021-12-31', last_contact_at: '2021-01-20' })).toMatchObject({ status: 'expired', from: 'membership_end', deadline: d('2024-12-31') });
  });

  it('occasional contact and prospect: 2 months after the single message, else after collection', () => {
    expect(decide('occasional_contact', { first_message_at: '2026-09-23', collected_at: '2020-01-01' })).toMatchObject({ status: 'kept', from: 'first_message_at' });
    expect(decide('occasional_contact', { first_message_at: '2026-09-22' })).toMatchObject({ status: 'expired', duration: '2m' });
    expect(decide('prospect', { collected_at: '2026-10-01' })).toMatchObject({ status: 'kept', from: 'collected_at' });
    expect(decide('prospect', { collected_at: '2025-06-01' })).toMatchObject({ status: 'expired', from: 'collected_at' });
    expect(decide('prospect', { last_contact_at: '2026-11-01' })).toMatchObject({ status: 'unknown', reason: 'noDate' });
  });

  it('voter: until the election (or a later second round), plus the configured duration', () => {
    expect(decide('voter', {})).toMatchObject({ status: 'unknown', reason: 'noElectionDate' });
    expect(decide('voter', {}, { electionDate: d('2026-11-23') })).toMatchObject({ status: 'kept', from: 'electionDate' });
    expect(decide('voter', {}, { electionDate: d('2026-11-22') })).toMatchObject({ status: 'expired' });
    expect(decide('voter', {}, { electionDate: d('2026-11-15'), secondRoundDate: d('2026-11-22') })).toMatchObject({ status: 'expired', from: 'secondRoundDate' });
    expect(decide('voter', {}, { electionDate: d('2026-11-15'), retention: { ...DEFAULT_RETENTION, voter: '10d' } })).toMatchObject({ status: 'kept' });
  });

  it('unknown category: undecidable unless config sets retention.unknown', () => {
    expect(decide('unknown', { collected_at: '2026-01-01' })).toMatchObject({ status: 'unknown', reason: 'unknownCategory' });
    expect(decide('unknown', { collected_at: '2024-01-01' }, { retention: { ...DEFAULT_RETENTION, unknown: '1y' } })).toMatchObject({ status: 'expired' });
  });

  it('an unreadable configured duration is reported, not guessed', () => {
    expect(decide('prospect', { collected_at: '2026-01-01' }, { retention: { ...DEFAULT_RETENTION, prospect: 'two months' } })).toMatchObject({ status: 'unknown', reason: 'noDuration' });
  });
});
