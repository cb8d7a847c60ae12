/** Bounds of a {@link TtlCache}. */
export interface TtlCacheOptions {
  /** Most entries kept; the least recently used one is dropped to make room. */
  maxEntries: number;
  /** How long a loaded value is served before it is loaded again, in milliseconds. */
  ttlMs: number;
  /** The clock (tests move it). */
  now?: () => number;
}

interface Entry<T> {
  value: Promise<T>;
  expiresAt: number;
}

/**
 * A small bounded cache of loaded values: at most `maxEntries` entries (least recently used out
 * first), each served for `ttlMs` after it was loaded, so memory stays bounded and a change at
 * the source is seen within `ttlMs`. Concurrent loads of one key share one promise. Failed loads
 * and `undefined` answers ("not found") are not kept, so something that appears at the source
 * is seen at once; only what was found is served stale, for at most `ttlMs`.
 */
export class TtlCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly now: () => number;

  constructor(private readonly options: TtlCacheOptions) {
    if (!(options.maxEntries >= 1) || !(options.ttlMs >= 0)) {
      throw new Error(
        `TtlCache needs maxEntries >= 1 and ttlMs >= 0, got ${options.maxEntries} and ${options.ttlMs}`,
      );
    }
    this.now = options.now ?? Date.now;
  }

  /** How many entries are held (expired ones included until they are touched or pushed out). */
  get size(): number {
    return this.entries.size;
  }

  /** The cached value of `key`, or what `load` gives (then cached); `load` runs once per key at a time. */
  get(key: string, load: () => Promise<T>): Promise<T> {
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) {
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    this.entries.delete(key);
    const value = load();
    const entry = { value, expiresAt: now + this.options.ttlMs };
    this.entries.set(key, entry);
    while (this.entries.size > this.options.maxEntries) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
    const forget = () => {
      if (this.entries.get(key) === entry) {
        this.entries.delete(key);
      }
    };
    value.then(loaded => loaded === undefined && forget(), forget);
    return value;
  }

  /** Drops every entry (e.g. when the source says everything changed). */
  clear(): void {
    this.entries.clear();
  }
}
