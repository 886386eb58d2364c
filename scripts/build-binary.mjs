#!/usr/bin/env node
/**
 * `npm run build:binary`: one standalone executable, `dist-bin/cnil-audit`, for DPOs who have no Node
 * (issue #7). Two steps:
 *  1. esbuild bundles the CLI and every dependency (csv-parse, iconv-lite's tables, chalk, ora,
 *     commander, zod) into one CommonJS file, because a Node 20 single executable application runs one
 *     CommonJS script whose `require` only reaches Node's built-in modules.
 *  2. Node's Single Executable Applications: `node --experimental-sea-config` turns that script into a
 *     blob, which postject injects into a copy of the running `node` binary.
 * The executable is for the platform and Node version that built it.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { inject } from 'postject';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist-bin');
const config = JSON.parse(readFileSync(join(root, 'sea-config.json'), 'utf8'));
const bundle = join(root, config.main);
const blob = join(root, config.output);
const exe = join(outDir, process.platform === 'win32' ? 'cnil-audit.exe' : 'cnil-audit');
// The sentinel Node's SEA support looks for; postject flips it to say "a blob is injected".
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

function step(what) {
  process.stderr.write(`build:binary: ${what}\n`);
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

// The purge log's worker thread (src/purge-log-worker.ts) cannot be loaded from a file inside the
// executable: it is bundled on its own and handed to the CLI's bundle as a string it starts with eval.
step('bundling the purge log worker with esbuild');
const worker = await build({
  entryPoints: [join(root, 'src', 'purge-log-worker.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  write: false,
  logLevel: 'warning',
  legalComments: 'none',
});
if (worker.errors.length || worker.warnings.length) {
  throw new Error('build:binary: esbuild reported problems with the purge log worker (above)');
}
const workerSource = worker.outputFiles[0].text;

step('bundling the CLI with esbuild');
const result = await build({
  // bin/cnil-audit.js uses top-level await, which CommonJS cannot; this entry does the same without it.
  stdin: {
    contents: [
      "import { main } from './src/cli/bin.ts';",
      'main().catch((e) => {',
      "  process.stderr.write(`cnil-audit: internal error: ${e instanceof Error ? e.message : String(e)} (please report this)\\n`);",
      '  process.exitCode = 2;',
      '});',
    ].join('\n'),
    resolveDir: root,
    sourcefile: 'sea-entry.ts',
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: bundle,
  // Dynamic imports (commands, ora) are inlined too: nothing is loaded from disk at run time.
  splitting: false,
  // CommonJS has no import.meta. Files looked up beside the code (the config schema `init` points to)
  // are then looked up beside the executable, and the code falls back to the published copy.
  define: { 'import.meta.url': '__cnilAuditImportMetaUrl', __CNIL_AUDIT_LOG_WORKER__: JSON.stringify(workerSource) },
  banner: { js: "var __cnilAuditImportMetaUrl = require('node:url').pathToFileURL(process.execPath).href;" },
  logLevel: 'warning',
  legalComments: 'none',
  metafile: true,
});
// A warning (an import.meta use, a require that cannot be bundled) is a binary that fails at run time.
if (result.errors.length || result.warnings.length) {
  throw new Error('build:binary: esbuild reported problems (above); the binary would not work');
}
const inputs = Object.keys(result.metafile.inputs);
for (const dep of ['iconv-lite', 'csv-parse', 'chalk', 'ora', 'commander', 'zod']) {
  if (!inputs.some((p) => p.includes(`node_modules/${dep}/`))) {
    throw new Error(`build:binary: ${dep} is missing from the bundle`);
  }
}
step(`bundle: ${config.main} (${Math.round(statSync(bundle).size / 1024)} KiB)`);

step('preparing the SEA blob');
execFileSync(process.execPath, ['--experimental-sea-config', join(root, 'sea-config.json')], { cwd: root, stdio: 'inherit' });

step(`copying ${process.execPath}`);
const node = readFileSync(process.execPath);
if (!node.includes(FUSE)) {
  throw new Error(`build:binary: ${process.execPath} was built without single-executable support (no SEA fuse)`);
}
copyFileSync(process.execPath, exe);
chmodSync(exe, 0o755);
if (process.platform === 'darwin') execFileSync('codesign', ['--remove-signature', exe], { stdio: 'inherit' });

step('injecting the blob with postject');
await inject(exe, 'NODE_SEA_BLOB', readFileSync(blob), {
  sentinelFuse: FUSE,
  machoSegmentName: process.platform === 'darwin' ? 'NODE_SEA' : undefined,
});
if (process.platform === 'darwin') execFileSync('codesign', ['--sign', '-', exe], { stdio: 'inherit' });
rmSync(blob);
if (!existsSync(exe)) throw new Error('build:binary: no executable was written');

const version = execFileSync(exe, ['--version'], { encoding: 'utf8' }).trim();
step(`done: ${exe} (${Math.round(statSync(exe).size / 1024 / 1024)} MiB), --version prints ${version}`);
