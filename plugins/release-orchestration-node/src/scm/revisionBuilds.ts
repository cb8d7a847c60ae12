import { LoggerService } from '@backstage/backend-plugin-api';
import {
  buildFromCommits,
  ObservedBuild,
  SourceCommit,
} from '../sourceMapping';
import { ScmRateLimitError } from './ScmHttpClient';

/** How many built revisions a cursor remembers (their builds are not read again). */
const REMEMBERED = 200;

/**
 * What a scope's cursor keeps about builds: the revision deployed last (the base of the next
 * compare) and the revisions whose build was already observed.
 *
 * @public
 */
export interface RevisionCursor {
  lastSha?: string;
  built?: string[];
}

/**
 * How a source reads commits: the commits between two revisions (a compare API; an error when
 * they cannot be compared, e.g. after a force push) and one commit.
 *
 * @public
 */
export interface CommitReader {
  compare(from: string, to: string): Promise<SourceCommit[]>;
  commit(sha: string): Promise<SourceCommit & { url?: string }>;
  /** The web page of a commit. */
  commitUrl(sha: string): string;
}

function isRunStopper(error: unknown) {
  return (
    error instanceof ScmRateLimitError ||
    (error instanceof Error && error.name === 'AbortError')
  );
}

/**
 * Builds of deployed revisions in the order they were deployed: each build carries the commits
 * since the revision deployed before it (any lane), so each commit belongs to the first
 * revision that shipped it and lead times work without CI reporting builds. A revision whose
 * build was observed before gets none (recording it again would change nothing); one that
 * cannot be compared (force-pushed history, a rollback to an older revision) carries its own
 * commit only; one the SCM no longer has carries none, and its deployment is still recorded.
 * A rate limit or an abort stops the scope's run.
 *
 * @public
 */
export class RevisionBuilds {
  private lastSha?: string;
  private readonly built: string[];

  constructor(
    cursor: RevisionCursor,
    private readonly options: {
      name: string;
      reader: CommitReader;
      logger: LoggerService;
    },
  ) {
    this.lastSha = cursor.lastSha;
    this.built = [...(cursor.built ?? [])];
  }

  /** The build of `sha` deployed as `version` of `component`, then `sha` is the last revision. */
  async next(
    component: string,
    version: string,
    rawSha: string,
  ): Promise<ObservedBuild | undefined> {
    const sha = rawSha.toLowerCase();
    const previous = this.lastSha;
    this.lastSha = sha;
    if (this.built.includes(sha)) {
      return undefined;
    }
    const { reader, logger, name } = this.options;
    let commits: SourceCommit[] = [];
    if (previous && previous !== sha) {
      try {
        commits = await reader.compare(previous, sha);
      } catch (error) {
        if (isRunStopper(error)) {
          throw error;
        }
        logger.warn(
          `${name}: no commits between ${previous.slice(0, 12)} and ${sha.slice(
            0,
            12,
          )}: ${error}`,
        );
      }
    }
    try {
      const found = commits.find(c => c.sha.toLowerCase() === sha);
      const head = found ?? (await reader.commit(sha));
      const build = buildFromCommits({
        component,
        version,
        head,
        commits,
        commitUrl: (head as { url?: string }).url ?? reader.commitUrl(sha),
      });
      this.built.push(sha);
      return build;
    } catch (error) {
      if (isRunStopper(error)) {
        throw error;
      }
      logger.warn(`${name}: no build for ${sha.slice(0, 12)}: ${error}`);
      return undefined;
    }
  }

  /** What the scope's cursor keeps. */
  cursor(): RevisionCursor {
    return {
      ...(this.lastSha ? { lastSha: this.lastSha } : {}),
      built: this.built.slice(-REMEMBERED),
    };
  }
}
