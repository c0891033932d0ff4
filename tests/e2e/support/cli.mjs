// Runs the native `accord` command-line tool (built by the native tests, or ACCORD_BIN), as
// the record system and the creditor's back office run it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
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
