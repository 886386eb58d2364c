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
import { EXIT, reportError, type CommonOptions } from './shared.js';

export { EXIT, reportError, prepare, colorEnabled, type CommonOptions } from './shared.js';

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function addCommonOptions(cmd: Command): Command {
  return cmd
    .option('-o, --out <file>', 'cleaned file, CSV or .xlsx by its extension (default: <name>.clean.csv, or .clean.xlsx for a workbook, beside the input; "-" for stdout)')
    .option('--out-dir <dir>', 'folder for the outputs, created if missing (several inputs)')
    .option('-r, --report <file>', 'report file, format from extension: .json .md .html .csv .sarif (repeatable; several inputs: one report holds them all)', collect)
    .addOption(new Option('--format <fmt>', 'what goes to stdout').choices(['text', 'json', 'md', 'github', 'none']).default('text'))
    .option('--for <channel>', `intended channel of the cleaned file: ${CHANNELS.map((c) => `"${c}"`).join(', ')} (online political ads); repeatable, or several separated by commas ("email,sms")`, collect)
    .option('--as-of <date>', 'reference date for retention (default: today)')
    .option('--election-date <date>', 'date of the election / end of the operation the file serves')
    .option('-c, --config <file>', 'config file (default: ./cnil-audit.config.json if present)')
    .option('--map <field=column>', 'map a column to a field, overriding detection (repeatable)', collect)
    .option('--encoding <enc>', 'force the input encoding (utf-8, utf-16le, utf-16be, windows-1252)')
    .option('--delimiter <c>', 'force the delimiter (, ; tab |)')
    .option('--sheet <name|N>', 'workbook (.xlsx) sheet to read, by name or position among the visible sheets (default: the first with a recognisable header)')
    .option('--output-encoding <enc>', 'encoding of the cleaned file (default: the input\'s; "utf-8-bom" for Excel; one lacking a character of the data is refused, exit 2)')
    .option('--output-delimiter <c>', "delimiter of the cleaned file (default: the input's)")
    .option('--profile <name>', 'export profile (mailchimp-subscribed, brevo, nationbuilder, …) or "none" (default: recognised from the header)')
    .option('--source <kind>', 'origin of every row with no source cell: "web_form", "petition", "in_person", "electoral_list"… (or words as in a source column)')
    .option('--date-order <order>', 'order of day and month in slash dates: dmy or mdy (default: decided per column)')
    .option('--header-row <n>', 'line of the header row (a workbook: its sheet row), when lines come before it')
    .option('--strict', 'exit 2 when the file was not fully understood (a column that looks like data but is not read, no consent or objection column for the channel, an ambiguous date order)')
    .addOption(new Option('--fail-on <level>', 'exit 1 when a finding at or above this level exists').choices([...FAIL_ON]).default('error'))
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings')
    .addOption(new Option('--lang <lang>', 'language of messages and reports (default: fr when the locale is French)').choices([...LANGS]))
    .option('--rejects <file>', 'also write the removed rows (contains personal data)')
    .option('--dry-run', 'compute everything, write no cleaned file (only the reports asked for with -r)')
    .option('--show-values', 'show masked values (j***@exemple.fr) in findings')
    .option('-q, --quiet', 'print nothing but errors')
    .option('--no-color', 'no colours (also NO_COLOR)')
    .option('--max-input-bytes <size>', 'largest input after decompression: bytes, or 500M, 20G (default 20G; a .gz inflating over 200:1 past 256 MB is refused unless this is given)');
}

export interface Context {
  io: CliIO;
  lang: Lang;
}







/** Commander's errors in French, set by `run` when the language is French (src/cli/help-i18n.ts). */
let frenchErrors: ((message: string) => string) | undefined;

/**
 * The language of the command line itself (help, usage errors), before commander parses: `--lang`
 * anywhere in argv, else the locale. A config file's `lang` applies once it is read, to what follows.
 */
export function argvLang(argv: string[], env: Record<string, string | undefined>): Lang {
  return explicitLang(argv) ?? detectLang(env);
}

/** `--lang fr|en` anywhere in argv, even where commander takes it as another option's value. */
function explicitLang(argv: string[]): Lang | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice(7) : undefined;
    if (v === 'fr' || v === 'en') return v;
  }
  return undefined;
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
      outputError: (s, write) => write(`cnil-audit: ${(frenchErrors ?? ((x: string) => x))(s.replace(/^error: /, '').trim())}\n`),
    })
    .exitOverride();

  const scan = program
    .command('scan')
    .description('audit contact files; write a cleaned file and a report')
    .argument('<file...>', 'CSV files (.csv, .csv.gz) or workbooks (.xlsx, .xlsm); "-" reads stdin (CSV)');
  addCommonOptions(scan)
    .option('--suppress <file>', 'drop rows whose email or phone is on this suppression list (written by purge --suppression-list; default: the config\'s suppressionList)')
    .option('--key-file <file>', 'key of the suppression list\'s hashes (default: the config\'s keyFile, else cnil-audit.key beside the config)')
    .action(async (files: string[], opts: CommonOptions & { suppress?: string }) => {
      // Through the suppression-aware runner: the list may come from --suppress or from the config.
      const { runScanWithSuppression } = await import('./purge-command.js');
      setExit(await runScanWithSuppression(files, opts, io));
    });

  // --- purge command ---
  const purge = program
    .command('purge')
    .description('retention purge for a DPO: remove expired, objected, scraped, forbidden-source and malformed rows; write a purge log without personal data')
    .argument('<file...>', 'CSV files (.csv, .csv.gz) or workbooks (.xlsx, .xlsm); "-" reads stdin (CSV)');
  addCommonOptions(purge)
    .option('--log <file>', 'purge log, CSV or .json (default: <name>.purge-log-<as-of>.csv beside the input)')
    .option('--key-file <file>', 'key of the log and list hashes, created 0600 if missing (default: the config\'s keyFile, else cnil-audit.key beside the config)')
    .option('--fail-on-remaining', 'exit 1 when any finding at or above --fail-on remains in the purged file, not only those of the purge rules')
    .option('--salt <hex>', 'no longer used (hashes are keyed: --key-file); accepted with a warning')
    .option('--suppression-list <file>', 'add the hashed email/phone of people who objected to this list (created if missing; default: the config\'s suppressionList)')
    .option('--suppress <file>', 'also purge rows whose email or phone is on this suppression list');
  for (const o of purge.options) {
    if (o.long === '--out') o.description = 'purged file (default: <name>.purged.csv beside the input; "-" for stdout)';
    if (o.long === '--report') o.description = 'report file, format from extension (default: <name>.purge-report-<as-of>.json; repeatable)';
    if (o.long === '--dry-run') o.description = 'list what would be purged; delete nothing, write no purged file, log or list (only the reports asked for with -r)';
    // purge refuses --rejects (it says why when given): its help shows only what it accepts.
    if (o.long === '--rejects') o.hideHelp();
  }
  purge.action(async (files: string[], opts: CommonOptions) => {
    const { runPurge } = await import('./purge-command.js');
    setExit(await runPurge(files, opts, io));
  });
  // --- end purge command ---

  // --- DPO's proof and rights requests (issue #13) ---
  program
    .command('verify')
    .description('prove a purge or an erasure: whether, when and by which rule a person is in purge logs (exit 0 found, 1 not)')
    .requiredOption('--log <file...>', 'purge or erasure logs (CSV or JSON) written by purge or erase: several after one --log (a glob), or --log repeated')
    .option('--email <address>', 'the person\'s e-mail')
    .option('--phone <number>', 'the person\'s phone, written any way')
    .option('--id <id>', 'the row\'s id in the export')
    .option('--name <key>', '"Last name|First name|YYYY-MM-DD" (files with no e-mail or phone)')
    .option('--key-file <file>', 'key the log was made with (default: the config\'s keyFile, else cnil-audit.key beside the config)')
    .option('--salt <hex>', 'salt of a log written by an earlier version (before keyed hashes)')
    .option('-c, --config <file>', 'config file (default: ./cnil-audit.config.json if present)')
    .addOption(new Option('--format <fmt>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <lang>', 'language (default: fr when the locale is French)').choices([...LANGS]))
    .action(async (opts: import('./verify-command.js').VerifyOptions) => {
      const { runVerify } = await import('./verify-command.js');
      setExit(await runVerify(opts, io));
    });
  const rightsCommand = (name: string, description: string) =>
    program
      .command(name)
      .description(description)
      .argument('<file...>', 'contact files: CSV (.csv, .csv.gz) or workbooks (.xlsx, .xlsm); the tool\'s own logs, lists and key among them are skipped')
      .option('--email <address>', 'the person\'s e-mail')
      .option('--phone <number>', 'the person\'s phone, written any way')
      .option('--id <id>', 'the person\'s id in the exports')
      .option('--name <key>', '"Last name|First names|YYYY-MM-DD" (files with no e-mail or phone)')
      .option('--requests <file>', 'a batch: CSV, one request a line, kind,identifier (kind: "email", "phone", "id", "name", or "find", "access", "erase")')
      .option('-c, --config <file>', 'config file (default: ./cnil-audit.config.json if present)')
      .option('--map <field=column>', 'map a column to a field, overriding detection (repeatable)', collect)
      .option('--encoding <enc>', 'force the input encoding')
      .option('--delimiter <c>', 'force the delimiter')
      .option('--sheet <name|N>', 'workbook (.xlsx) sheet to read, by name or position (default: the first with a recognisable header)')
      .option('--header-row <n>', 'line of the header row, when lines come before it')
      .option('--profile <name>', 'export profile (mailchimp-subscribed, brevo, nationbuilder, …) or "none" (default: recognised from the header)')
      .option('--source <kind>', 'origin of every row with no source cell, as for scan')
      .option('--date-order <order>', 'order of day and month in slash dates: dmy or mdy (default: decided per column)')
      .option('--election-date <date>', 'date of the election the file serves (a voter row\'s retention)')
      .option('--max-input-bytes <size>', 'largest input after decompression (default 20G)')
      .addOption(new Option('--lang <lang>', 'language (default: fr when the locale is French)').choices([...LANGS]));
  rightsCommand('find', 'where a person appears: files and lines, nothing of the rows printed (exit 0 found, 1 not)')
    .addOption(new Option('--format <fmt>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (files: string[], opts: import('./rights-command.js').RightsOptions) => {
      const { runFind } = await import('./rights-command.js');
      setExit(await runFind(files, opts, io));
    });
  rightsCommand('access', 'right of access (RGPD art. 15): the person\'s rows with source, category, consents, retention and findings')
    .option('-o, --out <file>', 'the extract: .json or .csv (holds the person\'s data)')
    .option('--out-dir <dir>', 'with --requests: folder for one extract per request')
    .option('--as-of <date>', 'reference date for retention (default: today)')
    .option('-q, --quiet', 'print nothing but errors')
    .action(async (files: string[], opts: import('./rights-command.js').RightsOptions) => {
      const { runAccess } = await import('./rights-command.js');
      setExit(await runAccess(files, opts, io));
    });
  rightsCommand('erase', 'right to erasure (RGPD art. 17): remove the person\'s rows, log it like a purge, add them to the suppression list')
    .option('-o, --out <file>', 'the file without the person (default: <name>.erased.csv, or .erased.xlsx for a workbook, beside the input)')
    .option('--out-dir <dir>', 'folder for the outputs')
    .option('--in-place', 'replace each input with its erased version (atomically, the real file behind a symlink); refused for .gz and workbooks with several sheets; without it the input is never modified')
    .option('--log <file>', 'erasure log, purge-log format, extended when it exists (default: <name>.erasure-log-<date>.csv)')
    .option('--key-file <file>', 'key of the log and list hashes (default: the config\'s keyFile, else cnil-audit.key beside the config)')
    .option('--suppression-list <file>', 'list the person is added to (default: the config\'s suppressionList, else suppression-list.csv beside the config)')
    .option('--all-matches', 'erase every row matched even when they are several people (namesakes, one id in two exports) or a name has no birth date; check with find first')
    .option('--dry-run', 'say what would be erased; write nothing')
    .option('-q, --quiet', 'print nothing but errors')
    .action(async (files: string[], opts: import('./rights-command.js').RightsOptions) => {
      const { runErase } = await import('./rights-command.js');
      setExit(await runErase(files, opts, io));
    });
  // --- end DPO's proof and rights requests ---

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
    .argument('[sample]', 'a CSV export or .xlsx workbook whose header gives the column mapping ("-" reads stdin)')
    .option('-o, --out <file>', 'config file to write', 'cnil-audit.config.json')
    .option('-f, --force', 'overwrite an existing config file')
    .option('--encoding <enc>', 'force the sample encoding (utf-8, utf-16le, utf-16be, windows-1252)')
    .option('--delimiter <c>', 'force the sample delimiter (, ; tab |)')
    .option('--sheet <name|N>', 'workbook (.xlsx) sheet to read, by name or position')
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
export async function run(argv: string[], io0: CliIO): Promise<number> {
  // One language detection for the run: commander's messages and the command's (issue 14).
  const io: CliIO = { ...io0, lang: io0.lang ?? explicitLang(argv) };
  let code: number = EXIT.OK;
  const program = buildProgram(io, (c) => (code = c));
  if (argvLang(argv, io.env) === 'fr') {
    const { localiseHelp, commanderErrorFr } = await import('./help-i18n.js');
    localiseHelp(program);
    frenchErrors = commanderErrorFr;
  } else frenchErrors = undefined;
  try {
    if (argv.length === 0) {
      // No command is a usage error: the help goes to stderr, exit 2, so `cnil-audit > out` shows it.
      program.outputHelp({ error: true });
      return EXIT.ERROR;
    }
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.version' || e.code === 'commander.helpDisplayed' || e.code === 'commander.help') return EXIT.OK;
      return EXIT.ERROR;
    }
    return reportError(io, argvLang(argv, io.env), e);
  }
}
