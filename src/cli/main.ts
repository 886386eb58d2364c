/**
 * The command line: parses flags, calls the core, renders, returns an exit code (SPEC §1). It never
 * calls process.exit; bin/cnil-audit.js sets the exit code. Commands load their modules lazily so
 * `--version` starts fast (SPEC §8).
 */
import { Command, CommanderError, Option } from 'commander';
import type { CliIO } from './io.js';
import { detectLang, t } from '../i18n/index.js';
import { CHANNELS, FAIL_ON, LANGS, type Lang } from '../types.js';
import { VERSION } from '../version.js';
import { EXIT, reportError } from './shared.js';

export { EXIT, reportError, prepare, colorEnabled } from './shared.js';

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Options common to scan and purge (SPEC §1 table). */
export interface CommonOptions {
  out?: string;
  outDir?: string;
  report?: string[];
  format: string;
  for?: string[];
  asOf?: string;
  electionDate?: string;
  config?: string;
  map?: string[];
  encoding?: string;
  delimiter?: string;
  outputEncoding?: string;
  failOn: string;
  lang?: string;
  rejects?: string;
  dryRun?: boolean;
  showValues?: boolean;
  quiet?: boolean;
  color: boolean;
  profile?: string;
  source?: string;
  dateOrder?: string;
  headerRow?: string;
  strict?: boolean;
}

export function addCommonOptions(cmd: Command): Command {
  return cmd
    .option('-o, --out <file>', 'cleaned file (default: <name>.clean.csv beside the input; "-" for stdout)')
    .option('--out-dir <dir>', 'folder for the outputs (several inputs)')
    .option('-r, --report <file>', 'report file, format from extension: .json .md .html .csv (repeatable)', collect)
    .addOption(new Option('--format <fmt>', 'what goes to stdout').choices(['text', 'json', 'md', 'none']).default('text'))
    .option('--for <channel>', `intended channel of the cleaned file: ${CHANNELS.join(', ')} (repeatable)`, collect)
    .option('--as-of <date>', 'reference date for retention (default: today)')
    .option('--election-date <date>', 'date of the election / end of the operation the file serves')
    .option('-c, --config <file>', 'config file (default: ./cnil-audit.config.json if present)')
    .option('--map <field=column>', 'map a column to a field, overriding detection (repeatable)', collect)
    .option('--encoding <enc>', 'force the input encoding (utf-8, utf-16le, utf-16be, windows-1252)')
    .option('--delimiter <c>', 'force the delimiter (, ; tab |)')
    .option('--output-encoding <enc>', "encoding of the cleaned file (default: the input's)")
    .option('--profile <name>', 'export profile (mailchimp-subscribed, brevo, nationbuilder, …) or "none" (default: recognised from the header)')
    .option('--source <kind>', 'origin of every row with no source cell: web_form, petition, in_person, electoral_list, … (as in a source column)')
    .option('--date-order <order>', 'order of day and month in slash dates: dmy or mdy (default: decided per column)')
    .option('--header-row <n>', 'line of the header row, when lines come before it')
    .option('--strict', 'exit 2 when the file was not fully understood (a column that looks like data but is not read, no consent or objection column for the channel, an ambiguous date order)')
    .addOption(new Option('--fail-on <level>', 'exit 1 when a finding at or above this level exists').choices([...FAIL_ON]).default('error'))
    .addOption(new Option('--lang <lang>', 'language of messages and reports (default: fr when the locale is French)').choices([...LANGS]))
    .option('--rejects <file>', 'also write the removed rows (contains personal data)')
    .option('--dry-run', 'compute everything, write no file')
    .option('--show-values', 'show masked values (j***@exemple.fr) in findings')
    .option('-q, --quiet', 'print nothing but errors')
    .option('--no-color', 'no colours (also NO_COLOR)');
}

export interface Context {
  io: CliIO;
  lang: Lang;
}







export function buildProgram(io: CliIO, setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name('cnil-audit')
    .description('Audit French political-campaign contact files against CNIL rules; write a cleaned file and a report.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError(false)
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(`cnil-audit: ${s.replace(/^error: /, '').trim()}\n`),
    })
    .exitOverride();

  const scan = program
    .command('scan')
    .description('audit contact files; write a cleaned file and a report')
    .argument('<file...>', 'CSV files (.csv, .csv.gz); "-" reads stdin');
  addCommonOptions(scan)
    .option('--suppress <file>', 'drop rows whose email or phone is on this suppression list (written by purge --suppression-list; default: the config\'s suppressionList)')
    .action(async (files: string[], opts: CommonOptions & { suppress?: string }) => {
      // Through the suppression-aware runner: the list may come from --suppress or from the config.
      const { runScanWithSuppression } = await import('./purge-command.js');
      setExit(await runScanWithSuppression(files, opts, io));
    });

  // --- purge command ---
  const purge = program
    .command('purge')
    .description('retention purge for a DPO: remove expired, objected, scraped, forbidden-source and malformed rows; write a purge log without personal data')
    .argument('<file...>', 'CSV files (.csv, .csv.gz); "-" reads stdin');
  addCommonOptions(purge)
    .option('--log <file>', 'purge log, CSV or .json (default: <name>.purge-log-<as-of>.csv beside the input)')
    .option('--salt <hex>', 'salt of the log hashes, as printed by a previous purge (default: a new random salt)')
    .option('--suppression-list <file>', 'add the hashed email/phone of people who objected to this list (created if missing; default: the config\'s suppressionList)')
    .option('--suppress <file>', 'also purge rows whose email or phone is on this suppression list');
  for (const o of purge.options) {
    if (o.long === '--out') o.description = 'purged file (default: <name>.purged.csv beside the input; "-" for stdout)';
    if (o.long === '--report') o.description = 'report file, format from extension (default: <name>.purge-report-<as-of>.json; repeatable)';
    if (o.long === '--dry-run') o.description = 'list what would be purged; delete and write nothing';
  }
  purge.action(async (files: string[], opts: CommonOptions) => {
    const { runPurge } = await import('./purge-command.js');
    setExit(await runPurge(files, opts, io));
  });
  // --- end purge command ---

  // --- rules and explain commands ---
  const catalogueFormat = () => new Option('--format <fmt>', 'output format').choices(['text', 'json', 'md']).default('text');
  const catalogueLang = () => new Option('--lang <lang>', 'language (default: fr when the locale is French)').choices([...LANGS]);
  program
    .command('rules')
    .description('list the rules with their severity, action and legal sources')
    .addOption(catalogueFormat())
    .addOption(catalogueLang())
    .action(async (opts: { format: string; lang?: string }) => {
      const { runRules } = await import('./rules-command.js');
      setExit(await runRules(opts, io));
    });
  program
    .command('explain')
    .description('explain a rule: what it checks, why, its sources, how to fix and configure it')
    .argument('<rule-id>', 'rule id, as listed by `cnil-audit rules`')
    .addOption(catalogueFormat())
    .addOption(catalogueLang())
    .option('-c, --config <file>', 'config file whose retention durations to show')
    .action(async (id: string, opts: { format: string; lang?: string; config?: string }) => {
      const { runExplain } = await import('./rules-command.js');
      setExit(await runExplain(id, opts, io));
    });
  // --- end rules and explain commands ---

  // --- init command ---
  program
    .command('init')
    .description('write cnil-audit.config.json: the column mapping detected on a sample, default retention and rule levels, to review and commit')
    .argument('[sample]', 'a CSV export whose header gives the column mapping ("-" reads stdin)')
    .option('-o, --out <file>', 'config file to write', 'cnil-audit.config.json')
    .option('-f, --force', 'overwrite an existing config file')
    .option('--encoding <enc>', 'force the sample encoding (utf-8, utf-16le, utf-16be, windows-1252)')
    .option('--delimiter <c>', 'force the sample delimiter (, ; tab |)')
    .addOption(new Option('--lang <lang>', 'language of messages (default: fr when the locale is French)').choices([...LANGS]))
    .action(async (sample: string | undefined, opts: import('./init-command.js').InitOptions) => {
      const { runInit } = await import('./init-command.js');
      setExit(await runInit(sample, opts, io));
    });
  // --- end init command ---

  for (const c of program.commands) c.exitOverride();
  return program;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function run(argv: string[], io: CliIO): Promise<number> {
  let code: number = EXIT.OK;
  const program = buildProgram(io, (c) => (code = c));
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.ERROR;
    }
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.version' || e.code === 'commander.helpDisplayed' || e.code === 'commander.help') return EXIT.OK;
      return EXIT.ERROR;
    }
    return reportError(io, detectLang(io.env), e);
  }
}
