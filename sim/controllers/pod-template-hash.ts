// The `pod-template-hash` of a Deployment's template (pkg/controller/controller_utils.go
// ComputeHash): FNV-32a over a stable serialisation of the template, then the collision count,
// and the decimal digits of the sum mapped through the safe alphabet, so only `456789bcdf` occur.

const safeAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

/** JSON with object keys sorted, so equal templates always give equal text. */
export function stableSerialise(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableSerialise).join(',')}]`;
  const entries = Object.keys(value as object)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${stableSerialise((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

function fnv32a(bytes: Iterable<number>, seed = 0x811c9dc5): number {
  let hash = seed;
  for (const byte of bytes) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

function utf8(text: string): number[] {
  const out: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else if (code < 0x800) out.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000) out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else out.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
  }
  return out;
}

/** rand.SafeEncodeString: each byte picks a character of the safe alphabet. */
export function safeEncode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += safeAlphabet[text.charCodeAt(i) % safeAlphabet.length];
  return out;
}

export function computePodTemplateHash(template: unknown, collisionCount?: number): string {
  const bytes = utf8(stableSerialise(template));
  if (collisionCount !== undefined && collisionCount !== null) {
    // The count is written as 4 little-endian bytes, like binary.LittleEndian.PutUint32.
    const n = collisionCount >>> 0;
    bytes.push(n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255);
  }
  return safeEncode(String(fnv32a(bytes)));
}
