#!/usr/bin/env node
/**
 * Writes the JSON Schemas shipped in schema/ (SPEC §6, §7), generated from the zod schemas of the
 * built package (run `npm run build` first; `npm run schemas` does both).
 *   node scripts/gen-schemas.mjs          write schema/*.schema.json
 *   node scripts/gen-schemas.mjs --check  exit 1 when a checked-in schema differs (CI: no drift)
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsonSchemas, schemaText } from '../dist/report/schema.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
let stale = 0;
for (const [name, schema] of Object.entries(jsonSchemas())) {
  const path = join(root, 'schema', name);
  const text = schemaText(schema);
  let current = null;
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    // missing: stale when checking, written otherwise
  }
  if (current === text) continue;
  if (check) {
    console.error(`schema/${name} is out of date: run npm run schemas and commit it`);
    stale++;
  } else {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    console.log(`wrote schema/${name}`);
  }
}
process.exitCode = stale ? 1 : 0;
