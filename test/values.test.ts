import { describe, expect, it } from 'vitest';
import { addDuration, dayNumber, formatDay, parseBoolean, parseDate, parseDuration } from '../src/read/values.js';

const day = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return dayNumber(y, m, d);
};

describe('parseDate (SPEC §2)', () => {
  const cases: [string, string | null | undefined][] = [
    ['2024-03-05', '2024-03-05'],
    ['2024-03-05T10:22:00Z', '2024-03-05'],
    ['2023-04-12 18:22:05', '2023-04-12'],
    ['2021-09-12T19:04:33+02:00', '2021-09-12'],
    ['05/03/2024', '2024-03-05'],
    ['5/3/24', '2024-03-05'],
    ['05-03-2024', '2024-03-05'],
    ['05.03.2024', '2024-03-05'],
    ['5/3/58', '1958-03-05'],
    ['45361', '2024-03-10'],
    ['45361.5', '2024-03-10'],
    ['  05/03/2024 ', '2024-03-05'],
    ['', undefined],
    ['   ', undefined],
    ['31/02/2026', null],
    ['2024-13-01', null],
    ['fin 2022', null],
    ['12', null],
    ['03/14', null],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${expected}`, () => {
      const d = parseDate(input);
      if (expected === undefined || expected === null) expect(d).toBe(expected);
      else expect(formatDay(d as number)).toBe(expected);
    });
  }
});

describe('parseBoolean (SPEC §2)', () => {
  for (const v of ['oui', 'OUI', 'yes', 'Yes', 'true', 'TRUE', '1', 'x', 'X', 'O', 'o', 'Y', 'y', 'vrai']) {
    it(`${v} is true`, () => expect(parseBoolean(v)).toBe(true));
  }
  for (const v of ['non', 'Non', 'no', 'false', '0', 'N', 'n', 'faux']) {
    it(`${v} is false`, () => expect(parseBoolean(v)).toBe(false));
  }
  for (const v of ['', ' ', undefined, 'peut-être']) {
    it(`${JSON.stringify(v)} is unknown`, () => expect(parseBoolean(v)).toBeUndefined());
  }
});

describe('durations', () => {
  it('parses and adds month-aware durations', () => {
    expect(parseDuration('3y')).toEqual({ n: 3, unit: 'y' });
    expect(parseDuration('36m')).toEqual({ n: 36, unit: 'm' });
    expect(parseDuration('3 years')).toBeNull();
    expect(formatDay(addDuration(day('2024-01-31')!, { n: 1, unit: 'm' }))).toBe('2024-02-29');
    expect(formatDay(addDuration(day('2023-03-31')!, { n: 2, unit: 'm' }))).toBe('2023-05-31');
    expect(formatDay(addDuration(day('2020-02-29')!, { n: 3, unit: 'y' }))).toBe('2023-02-28');
    expect(formatDay(addDuration(day('2024-01-01')!, { n: 10, unit: 'd' }))).toBe('2024-01-11');
  });
});

describe('calendar arithmetic agrees with Date', () => {
  it('formatDay, dayNumber and addDuration on every 7th day from 1900 to 2100', () => {
    for (let day = -25567; day < 47482; day += 7) {
      const iso = new Date(day * 86400000).toISOString().slice(0, 10);
      expect(formatDay(day)).toBe(iso);
      const [y, m, d] = iso.split('-').map(Number);
      expect(dayNumber(y, m, d)).toBe(day);
      for (const n of [1, 2, 13, 36]) {
        const t = new Date(Date.UTC(y, m - 1 + n, 1));
        const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
        const want = Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), Math.min(d, last)) / 86400000;
        expect(addDuration(day, { n, unit: 'm' })).toBe(want);
      }
    }
  });
});
