/** A seeded pseudo-random source: the same seed always yields the same sequence. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
}

const HEX = Array.from({ length: 256 }, (_, i) =>
  i.toString(16).padStart(2, '0'),
);

/**
 * cyrb128: four 32-bit words hashed from a string, to seed {@link seededRandom}.
 */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/**
 * sfc32, seeded from a key: 128 bits of state, so the streams of different keys (one per System)
 * do not run into each other, as 32-bit generators' streams do at a million rows (their ids
 * would repeat). The same key always yields the same sequence.
 */
export function seededRandom(key: string | number): Random {
  let [a, b, c, d] = cyrb128(String(key));
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) {
    next();
  }
  return { next };
}

/** Uniform in [min, max). */
export function uniform(random: Random, min: number, max: number): number {
  return min + random.next() * (max - min);
}

/** An integer in [min, max]. */
export function integer(random: Random, min: number, max: number): number {
  return min + Math.floor(random.next() * (max - min + 1));
}

/** True with probability p. */
export function chance(random: Random, p: number): boolean {
  return random.next() < p;
}

/**
 * The value of the first band whose upper bound exceeds `draw` (bands ascending), else `last`:
 * `band(0.75, [[0.7, 'dev'], [0.9, 'staging']], 'production')` is `'staging'`.
 */
export function band<T>(draw: number, bands: Array<[number, T]>, last: T): T {
  for (const [upper, value] of bands) {
    if (draw < upper) {
      return value;
    }
  }
  return last;
}

/** -1, 0 or 1, for sorting strings in code-point order (as SQLite and the C collation do). */
export function compareText(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

/** One element of a non-empty array. */
export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random.next() * items.length)];
}

/** A standard normal draw (Box-Muller). */
export function gaussian(random: Random): number {
  const u = 1 - random.next();
  const v = random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A log-normal draw with the given median and log-space spread. */
export function logNormal(
  random: Random,
  median: number,
  sigma: number,
): number {
  return median * Math.exp(sigma * gaussian(random));
}

/** `bytes` random bytes as lower-case hex. */
export function randomHex(random: Random, bytes: number): string {
  let out = '';
  for (let i = 0; i < bytes; i += 4) {
    let word = Math.floor(random.next() * 0x100000000);
    for (let j = 0; j < 4 && i + j < bytes; j++) {
      out += HEX[word & 0xff];
      word >>>= 8;
    }
  }
  return out;
}

/** A version-4-shaped UUID (reproducible ids for generated rows). */
export function randomUuid(random: Random): string {
  const h = randomHex(random, 16);
  const variant = '89ab'[parseInt(h[16], 16) & 3];
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(
    13,
    16,
  )}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
