/**
 * The key of the keyed hashes (issue #13): HMAC-SHA-256 with a 256-bit random key kept in a key file,
 * mode 0600, created on first use. The purge log and the suppression list carry only the key's
 * fingerprint: without the key, neither can be tested against a phone number or an e-mail (a plain or
 * salted SHA-256 with its salt beside it could be, by enumerating the 2×10⁸ French mobile numbers).
 * Pure with respect to the process: never prints; reads and creates the key file.
 */
import { createHash, createHmac, hash, randomBytes } from 'node:crypto';
import { closeSync, linkSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AuditError } from './errors.js';
import { readSmallFile } from './read/small-file.js';
import { tempPathFor } from './write/atomic.js';

/** 256 bits: the key cannot be guessed, so the hashes cannot be enumerated without it. */
export const KEY_BYTES = 32;
/** The key file's default name, beside the config file (or in the current folder without one). */
export const KEY_FILE_NAME = 'cnil-audit.key';

export interface HashKey {
  /** Absolute path of the key file. */
  path: string;
  /** Whether this run created it. */
  created: boolean;
  /** Whether group or others may read it (the CLI warns). */
  loose: boolean;
  /** First 16 hex characters of SHA-256 over the key: names the key in logs and lists, reveals nothing. */
  fingerprint: string;
  /** HMAC-SHA-256 of a normalised identifier under the key, in hex. */
  hash(value: string): string;
}

export function keyFingerprint(key: Buffer): string {
  return createHash('sha256').update('cnil-audit-key:').update(key).digest('hex').slice(0, 16);
}

/**
 * HMAC-SHA-256 (RFC 2104) as two one-shot SHA-256 calls over the key's inner and outer pads, computed
 * once: the same digest as createHmac (test/purge.test.ts checks it), without building an Hmac object
 * and re-deriving the pads for each of a purged row's up to four identifiers (a profile of a purge had
 * createHmac at 10% of its time).
 */
function hmacSha256(key: Buffer): (value: string) => string {
  if (key.length > 64) return (value) => createHmac('sha256', key).update(value, 'utf8').digest('hex');
  // Scratch buffers that start with the pads: a value (or the inner digest) is written after them, so a
  // hash allocates nothing but its result.
  let inner = Buffer.alloc(64 + 256, 0x36);
  const outer = Buffer.alloc(64 + 32, 0x5c);
  for (let i = 0; i < key.length; i++) {
    inner[i] ^= key[i];
    outer[i] ^= key[i];
  }
  return (value) => {
    if (value.length * 3 > inner.length - 64) {
      const grown = Buffer.alloc(64 + value.length * 3);
      inner.copy(grown, 0, 0, 64);
      inner = grown;
    }
    const n = inner.write(value, 64, 'utf8');
    outer.write(hash('sha256', inner.subarray(0, 64 + n), 'hex'), 64, 'hex');
    return hash('sha256', outer, 'hex');
  };
}

/**
 * The key bytes behind a HashKey, out of reach of JSON.stringify or a debugger's printout of the object:
 * only for handing the key to the purge log's worker thread (same process, src/purge-log-thread.ts).
 */
const material = new WeakMap<HashKey, Buffer>();

export function keyMaterial(key: HashKey): Buffer | undefined {
  return material.get(key);
}

/** The HashKey of key bytes received from the thread that read the key file. */
export function keyFromMaterial(path: string, key: Uint8Array): HashKey {
  return hashKey(path, Buffer.from(key), false, false);
}

function hashKey(path: string, key: Buffer, created: boolean, loose: boolean): HashKey {
  const k: HashKey = { path, created, loose, fingerprint: keyFingerprint(key), hash: hmacSha256(key) };
  material.set(k, key);
  return k;
}

/**
 * Writes a new key file: 64 hex characters and a line break, mode 0600, made visible only when
 * complete (a temp file hard-linked to the target, which fails rather than replace a key another run
 * has just created: two keys would split the hashes in two).
 */
function createKeyFile(path: string): Buffer {
  const key = randomBytes(KEY_BYTES);
  const temp = tempPathFor(path);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', 0o600);
    writeSync(fd, `${key.toString('hex')}\n`);
    closeSync(fd);
    fd = undefined;
    linkSync(temp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return parseKeyFile(path, readFileSync(path, 'utf8'));
    throw new AuditError('E_OUTPUT_UNWRITABLE', { what: 'the key file', detail: code ?? String(e) }, { file: path });
  } finally {
    try { unlinkSync(temp); } catch { /* not created */ }
  }
  return key;
}

function parseKeyFile(path: string, text: string): Buffer {
  const hex = text.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new AuditError('E_KEY_FILE', {}, { file: path, line: 1 });
  return Buffer.from(hex, 'hex');
}

/**
 * Reads the key file; with `create`, a missing one is created (purge, erase). Commands that only check
 * (verify, scan against a keyed list) never create one: a new key would match nothing.
 */
export function loadKey(file: string, create: boolean): HashKey {
  const path = resolve(file);
  let text: string;
  try {
    // Not a FIFO or a device (issue #16): refused at once rather than read forever.
    text = readSmallFile(path, 'the key file');
    const st = statSync(path);
    return hashKey(path, parseKeyFile(path, text), false, (st.mode & 0o077) !== 0);
  } catch (e) {
    if (e instanceof AuditError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && create) return hashKey(path, createKeyFile(path), true, false);
    if (code === 'ENOENT') throw new AuditError('E_KEY_MISSING', {}, { file: path });
    throw new AuditError('E_INPUT_UNREADABLE', { detail: code ?? String(e) }, { file: path });
  }
}

/** Where the key file is: the option, else the config's `keyFile`, else beside the config (or here). */
export function keyFilePath(option: string | undefined, configured: string | undefined, configDir: string, cwd: string): string {
  if (option) return resolve(cwd, option);
  if (configured) return configured;
  return join(configDir, KEY_FILE_NAME);
}

/** A key that is never written: a dry run hashes nothing, and must not create a key file. */
export function ephemeralKey(path: string): HashKey {
  return hashKey(resolve(path), randomBytes(KEY_BYTES), false, false);
}
