import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/malformed-row.js';
import { AuditEngine } from '../../src/engine.js';

describe('rule malformed-row', () => {
  const engine = new AuditEngine(['email', 'nom', 'source'], { asOf: 20000 });
  const cases: [string, string[], boolean][] = [
    ['as many fields as the header', ['a@example.org', 'Dupont', 'adhésion'], false],
    ['one field too few', ['a@example.org', 'Dupont'], true],
    ['one field too many', ['a@example.org', 'Dupont', 'adhésion', 'extra'], true],
  ];
  for (const [name, cells, malformed] of cases) {
    it(`${malformed ? 'invalid' : 'valid'}: ${name}`, () => {
      const r = engine.processRow(cells, 7);
      const f = r.findings.filter((x) => x.rule === rule.id);
      expect(f.length).toBe(malformed ? 1 : 0);
      if (malformed) {
        expect(r.dropped).toBe(true);
        expect(r.output).toBeNull();
        expect(f[0].message).toEqual({ id: 'rule.malformed-row.fieldCount', params: { count: cells.length, expected: 3 } });
        expect(f[0].line).toBe(7);
      }
    });
  }
  it('cannot be turned off', () => {
    expect(() => new AuditEngine(['email'], { asOf: 0, config: { rules: { 'malformed-row': 'off' } } })).toThrow(/E_CONFIG/);
  });
});
