import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { NAME, VERSION } from '../src/version.js';

describe('version', () => {
  it('src/version.ts matches package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(VERSION).toBe(pkg.version);
    expect(NAME).toBe(pkg.name);
  });
});
