// Runs the native `accord` command-line tool (built by the native tests, or ACCORD_BIN), as
// the record system and the creditor's back office run it.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
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
 * { keyFile, keysFile, keys, settings } (keys: the keys.json text; settings(extra): the text
 * of a deployment.json holding the keys and `extra`'s members).
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
  const settings = (extra = {}) => JSON.stringify({ keys: [{ keyId, publicKey }], ...extra });
  return { keyFile, keysFile, keys, settings };
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

/**
 * Starts `accord intake` (the reference receiving end) on `listen` (default: a free port
 * of 127.0.0.1) with the deployment's keys, a database file and the origins allowed to post
 * from a browser. Resolves to { url, stop } once it listens (url: `http://ADDRESS`).
 */
export function startIntake({ keysFile, db, allowOrigin, listen = '127.0.0.1:0' }) {
  assert.ok(existsSync(accordBin), `${accordBin} is missing: build it with cargo build --bin accord (or set ACCORD_BIN)`);
  const args = ['intake', '--keys', keysFile, '--db', db, '--listen', listen, '--allow-origin', allowOrigin];
  const child = spawn(accordBin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (chunk) => { errors += chunk; });
  return new Promise((done, fail) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const address = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (address) {
        done({
          url: address,
          stop: () => new Promise((stopped) => { child.once('exit', stopped); child.kill('SIGTERM'); }),
        });
      }
    });
    child.once('exit', (code) => fail(new Error(`accord intake exited (${code}): ${errors}`)));
  });
}
