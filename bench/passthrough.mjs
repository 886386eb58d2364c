/**
 * (a) of the benchmark (SPEC §8): a plain csv-parse → csv-stringify pass, default options, file to
 * file. The floor any tool built on these two libraries pays; `scan` is measured against it.
 * Usage: node bench/passthrough.mjs <in.csv> <out.csv>
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  process.stderr.write('usage: node bench/passthrough.mjs <in.csv> <out.csv>\n');
  process.exit(2);
}
await pipeline(createReadStream(input), parse(), stringify(), createWriteStream(output));
