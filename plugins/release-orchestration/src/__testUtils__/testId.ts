/**
 * A fixed UUID for a readable fixture name (`testId('rel-2')`): the backend's ids
 * are UUIDs and the fakes must answer what it could (see openapiContract.ts).
 */
export function testId(name: string): string {
  let hex = '';
  for (let salt = 0; hex.length < 32; salt++) {
    // FNV-1a over the name and a salt, 8 hex digits per round.
    let hash = 0x811c9dc5 ^ salt;
    for (const char of name) {
      hash ^= char.codePointAt(0)!;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    hex += hash.toString(16).padStart(8, '0');
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(
    13,
    16,
  )}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
