import { integer, pick, randomHex, Random, uniform } from '../random';

const HOUR = 3_600_000;

/** Commit messages of generated builds (benchmark and demo). */
export const COMMIT_MESSAGES = [
  'Fix rounding of refunds in multi-currency orders',
  'Add retry with jitter to the outbound webhook client',
  'Upgrade base image to patch OpenSSL',
  'Log correlation ids on every request',
  'Speed up the nightly reconciliation query',
  'Feature flag for the new checkout summary',
  'Handle empty carts gracefully',
  'Tighten input validation on the public API',
  'Bump dependencies',
  'Cache tenant settings for five minutes',
  'Remove the legacy v1 endpoint',
  'Add metrics for queue latency',
];

/** Commit authors of generated builds. */
export const COMMIT_AUTHORS = [
  'Ada Lovelace',
  'Grace Hopper',
  'Alan Turing',
  'Katherine Johnson',
  'Linus Torvalds',
  'Barbara Liskov',
];

/** A generated commit; `at` in epoch milliseconds. */
export interface GeneratedCommit {
  sha: string;
  at: number;
  message: string;
  author: string;
}

/**
 * The pull request (and, for one in three, the ticket) a commit's message names, and its author,
 * derived from its SHA so that they cost no draws of the random sequence.
 */
function details(sha: string, message: string) {
  const n = parseInt(sha.slice(0, 8), 16);
  const pull = 100 + (n % 900);
  const ticket = n % 3 === 0 ? `OPS-${10 + (Math.floor(n / 7) % 290)}: ` : '';
  return {
    message: `${ticket}${message} (#${pull})`,
    author: COMMIT_AUTHORS[n % COMMIT_AUTHORS.length],
  };
}

/**
 * The commits a build at `before` carries, oldest first (the last is its head commit): `count`
 * commits (low, high), each `gapHours` (low, high) before the next, the newest that long before
 * the build. Messages name a pull request (`#123`) and sometimes a ticket (`OPS-42`).
 */
export function generateCommits(
  random: Random,
  before: number,
  options: { count: [number, number]; gapHours: [number, number] },
): GeneratedCommit[] {
  const count = integer(random, options.count[0], options.count[1]);
  const commits: GeneratedCommit[] = [];
  let t = before;
  for (let j = 0; j < count; j++) {
    t -= Math.round(
      uniform(random, options.gapHours[0], options.gapHours[1]) * HOUR,
    );
    const sha = randomHex(random, 20);
    commits.unshift({
      sha,
      at: t,
      ...details(sha, pick(random, COMMIT_MESSAGES)),
    });
  }
  return commits;
}
