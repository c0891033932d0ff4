// Runs the native `accord` command-line tool (built by the native tests, or ACCORD_BIN), as
// the record system and the creditor's back office run it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../../../..');
const accordBin = process.env.ACCORD_BIN ?? join(root, 'target/debug/accord');

/** Runs `accord ARGS` with optional stdin; resolves to { code, stdout, stderr }. */
export function accord(args, input) {
  assert.ok(existsSync(accordBin), `${accordBin} is missing: build it with cargo build --bin accord (or set ACCORD_BIN)`);
  return new Promise((done) => {
    const child = execFile(accordBin, args, (error, stdout, stderr) => done({ code: error ? error.code : 0, stdout, stderr }));
    if (input !== undefined) child.stdin.end(input);
  });
}

/**
 * A creditor's key pair made with `accord keygen creditor-2025`, written to `dir`: the
 * secret key file for `accord offer sign` and the deployment's keys.json. Resolves to
 * { keyFile, keysFile, keys } (keys: the keys.json text).
 */
export async function creditorKeys(dir) {
  const key = await accord(['keygen', 'creditor-2025']);
  assert.equal(key.code, 0, key.stderr);
  const keyFile = join(dir, 'key.json');
  await writeFile(keyFile, key.stdout);
  const { keyId, publicKey } = JSON.parse(key.stdout);
  const keys = JSON.stringify({ keys: [{ keyId, publicKey }] });
  const keysFile = join(dir, 'keys.json');
  await writeFile(keysFile, keys);
  return { keyFile, keysFile, keys };
}

/**
 * `offer` (an object) signed with `accord offer sign --key KEYFILE … --base BASE`, written to a
 * file of its own in `dir`; resolves to the link. Fails the test if signing fails.
 */
export async function signOffer(dir, keyFile, offer, base) {
  const file = join(dir, `offer-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, JSON.stringify(offer));
  const out = await accord(['offer', 'sign', '--key', keyFile, file, '--base', base]);
  assert.equal(out.code, 0, out.stderr);
  return out.stdout.trim();
}
