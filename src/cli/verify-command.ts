/** `cnil-audit verify` (issue #13): whether, when and why a person was purged, from what they know. */
import { resolve } from 'node:path';
import type { CliIO } from './io.js';
import { EXIT, reportError, defaultLang } from './shared.js';
import { keyLoader, resolveKeyPath } from './purge-command.js';
import { usageError } from '../errors.js';
import { render, t } from '../i18n/index.js';
import { parseSalt, type IdentityKind } from '../purge.js';
import type { Lang } from '../types.js';
import { ruleTitle } from '../report/purge-section.js';
import { escapeControls } from '../controls.js';
import { categoryWord } from '../i18n/words.js';
import { flushWritable, writeWaiting, type WritableLike } from '../write/drain.js';
import { ERASURE_RULE } from '../rights/person.js';

export interface IdentityOptions {
  email?: string;
  phone?: string;
  id?: string;
  name?: string;
}

export interface VerifyOptions extends IdentityOptions {
  log: string[];
  keyFile?: string;
  salt?: string;
  config?: string;
  lang?: string;
  format: string;
}

/** The one identifier given (--email, --phone, --id or --name); a usage error for none or several. */
export function identityOption(opts: IdentityOptions, kinds: readonly IdentityKind[] = ['email', 'phone', 'id', 'name']): { kind: IdentityKind; value: string } {
  const given = kinds.filter((k) => opts[k] !== undefined);
  if (given.length !== 1) throw usageError('identityOne', { options: kinds.map((k) => `--${k}`).join(', ') });
  return { kind: given[0], value: opts[given[0]]! };
}

export async function runVerify(opts: VerifyOptions, io: CliIO): Promise<number> {
  let lang: Lang = (opts.lang as Lang | undefined) ?? defaultLang(io);
  try {
    const { prepareLight } = await import('./rights-command.js');
    const prepared = prepareLight(opts, io);
    lang = prepared.lang;
    const who = identityOption(opts);
    const salt = opts.salt !== undefined ? parseSalt(opts.salt) : undefined;
    const key = keyLoader(() => resolveKeyPath(opts, prepared.config.keyFile, io.cwd), false);
    const { verifyInLogs } = await import('../rights/verify.js');
    const logs = opts.log.map((l) => resolve(io.cwd, l));
    const result = verifyInLogs(logs, who.kind, who.value, key, salt);
    let text: string;
    if (opts.format === 'json') {
      text = JSON.stringify({ found: result.matches.length > 0, logs, rowsRead: result.rows, matches: result.matches, legacyUnprovable: result.legacyUnprovable }, null, 2) + '\n';
    } else {
      const lines: string[] = [];
      for (const m of result.matches) {
        // An erasure on request was not a purge: said as such (issue #13 audit).
        const id = m.rule === ERASURE_RULE ? 'rights.verifyErased' : 'rights.verifyFound';
        lines.push(render(lang, { id, params: { date: m.purgedAt, rule: m.rule, title: ruleTitle(lang, m.rule), line: m.line, category: m.category, log: escapeControls(m.log) } }));
      }
      if (!result.matches.length) {
        // A log of an earlier version hashed only the id of a row that had one: an e-mail, a phone or a
        // name not found there is not proof of anything.
        if (result.legacyUnprovable.length) lines.push(t(lang, 'rights.verifyLegacy', { count: result.legacyUnprovable.length, logs: result.legacyUnprovable.map((l) => escapeControls(l)).join(', ') }));
        else lines.push(t(lang, 'rights.verifyNotFound', { count: logs.length, rows: result.rows }));
        if (who.kind === 'name') lines.push(t(lang, 'rights.verifyNameNote'));
      }
      text = lines.join('\n') + '\n';
    }
    await writeWaiting(io.stdout as WritableLike, text);
    await flushWritable(io.stdout as WritableLike);
    return result.matches.length ? EXIT.OK : EXIT.FINDINGS;
  } catch (e) {
    return reportError(io, lang, e);
  }
}
