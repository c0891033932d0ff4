// RFC 8785 for what Accord's documents hold (strings, integers, booleans, null, ASCII keys):
// sorted keys, no whitespace, JSON.stringify's strings. An implementation independent of the
// app's, so the tests can check its hashes and forge documents.
import { createHash } from 'node:crypto';

export function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The agreement with its `sha256` recomputed over the canonical form of the rest. */
export function rehash(agreement) {
  const { sha256, ...rest } = agreement;
  return { ...rest, sha256: createHash('sha256').update(canonical(rest)).digest('hex') };
}
