/**
 * Lanes of common environment names of GitHub and GitLab; any other name maps to itself.
 *
 * @public
 */
export const DEFAULT_ENVIRONMENT_LANES: Readonly<Record<string, string>> = {
  prod: 'production',
  live: 'production',
  stage: 'staging',
  development: 'dev',
};

/**
 * The lane of an SCM environment name: the configured lane of its lower-case name, else the
 * lower-case name itself.
 *
 * @public
 */
export function laneForEnvironment(
  name: string,
  lanes: Readonly<Record<string, string>>,
): string {
  const key = name.toLowerCase();
  return lanes[key] ?? key;
}

const TAG_LIKE = /^v?\d+(\.\d+)*([.+-][A-Za-z0-9.+-]*)?$/;

/**
 * The version a deployment of `ref` at `sha` deployed: the ref when it is a tag-like version
 * (`v1.4.0`, `1.4.0`), else the first 12 characters of the SHA.
 *
 * @public
 */
export function versionFromRef(ref: string, sha: string): string {
  return ref !== sha && TAG_LIKE.test(ref) ? ref : sha.slice(0, 12);
}

/**
 * A commit as an SCM's compare API lists it.
 *
 * @public
 */
export interface SourceCommit {
  sha: string;
  /** ISO 8601: when it was committed. */
  time: string;
  message?: string;
}

/**
 * A build a source derived from the commits of a deployed revision; recorded like a
 * `POST /builds` report (idempotent on component + version).
 *
 * @public
 */
export interface ObservedBuild {
  component: string;
  version: string;
  /** Where the revision lives, e.g. its commit page. */
  artifactUri: string;
  /** `<algorithm>:<hex>`; for a revision without an artifact, the git object id. */
  artifactDigest: string;
  buildUrl?: string;
  commitSha: string;
  /** ISO 8601. */
  commitTime: string;
  /** The commits it brings since the revision deployed before it, oldest first. */
  commits?: SourceCommit[];
}

/** The most commits a build carries (the limit of `POST /builds`); the newest are kept. */
const MAX_COMMITS = 1000;
const MAX_MESSAGE = 1000;

/**
 * Shapes the build of a deployed revision from the commits a compare API listed between the
 * revision deployed before it and this one, so lead times work without CI reporting builds. The
 * revision itself is the head commit; its git object id stands in for an artifact digest.
 *
 * @public
 */
export function buildFromCommits(options: {
  component: string;
  version: string;
  /** The deployed revision. */
  head: SourceCommit;
  /** Commits since the previous deployed revision, in any order; may include `head`. */
  commits: SourceCommit[];
  /** The web page of the head commit. */
  commitUrl: string;
}): ObservedBuild {
  const { head } = options;
  const bySha = new Map<string, SourceCommit>();
  for (const commit of [...options.commits, head]) {
    bySha.set(commit.sha.toLowerCase(), {
      sha: commit.sha.toLowerCase(),
      time: commit.time,
      ...(commit.message
        ? { message: commit.message.slice(0, MAX_MESSAGE) }
        : {}),
    });
  }
  const commits = [...bySha.values()]
    .sort((a, b) => Date.parse(a.time) - Date.parse(b.time))
    .slice(-MAX_COMMITS);
  const sha = head.sha.toLowerCase();
  return {
    component: options.component,
    version: options.version,
    artifactUri: options.commitUrl,
    artifactDigest: `${sha.length === 64 ? 'sha256' : 'sha1'}:${sha}`,
    commitSha: sha,
    commitTime: head.time,
    commits,
  };
}
