import { Knex } from 'knex';
import {
  Build,
  ChangeCommit,
} from '@release-orchestration/plugin-release-orchestration-common';
import { toIso } from './timestamps';
import { isPostgres, rowsPerInsert } from './dialect';
import { insertRows } from './insertRows';
import { BuildStore, ListCursor, NewBuild } from './types';
import { pageNewestFirst } from './whereBeforeCursor';

type BuildRow = {
  id: string;
  component_ref: string;
  version: string;
  artifact_uri: string;
  artifact_digest: string;
  build_url: string | null;
  commit_sha: string;
  commit_time: Date | string;
  reported_by: string;
  created_at: Date | string;
  source?: string;
};

type CommitRow = {
  build_id: string;
  sha: string;
  committed_at: Date | string;
  message: string | null;
  author: string | null;
};

/** A stored commit row as the API shows it (optional fields only when set). */
function toCommit(
  sha: string,
  time: Date | string,
  message: string | null | undefined,
  author: string | null | undefined,
) {
  return {
    sha,
    time: toIso(time),
    ...(message ? { message } : {}),
    ...(author ? { author } : {}),
  };
}

/** Report order of two builds: by report time, then id (the order "newest" means everywhere). */
function compareByReport(
  a: Pick<BuildRow, 'id' | 'created_at'>,
  b: Pick<BuildRow, 'id' | 'created_at'>,
): number {
  const at = Date.parse(toIso(a.created_at));
  const bt = Date.parse(toIso(b.created_at));
  if (at !== bt) {
    return at < bt ? -1 : 1;
  }
  if (a.id === b.id) {
    return 0;
  }
  return a.id < b.id ? -1 : 1;
}

function toBuild(row: BuildRow, commits: Build['commits']): Build {
  return {
    id: row.id,
    componentRef: row.component_ref,
    version: row.version,
    artifactUri: row.artifact_uri,
    artifactDigest: row.artifact_digest,
    ...(row.build_url ? { buildUrl: row.build_url } : {}),
    commitSha: row.commit_sha,
    commitTime: toIso(row.commit_time),
    commits,
    reportedBy: row.reported_by,
    createdAt: toIso(row.created_at),
  };
}

function toRow(build: NewBuild): BuildRow {
  return {
    id: build.id,
    component_ref: build.componentRef,
    version: build.version,
    artifact_uri: build.artifactUri,
    artifact_digest: build.artifactDigest,
    build_url: build.buildUrl ?? null,
    commit_sha: build.commitSha,
    commit_time: build.commitTime,
    reported_by: build.reportedBy,
    created_at: build.createdAt,
    source: build.source ?? 'api',
  };
}

/** Knex implementation of {@link BuildStore}. */
export class DatabaseBuildStore implements BuildStore {
  constructor(private readonly db: Knex) {}

  async insertIfAbsent(build: NewBuild) {
    const row = toRow(build);
    const unique = [...new Map(build.commits.map(c => [c.sha, c])).values()];
    // RETURNING (PostgreSQL, SQLite 3.35+) answers "was it ours?" without reading the row back.
    const insertBuild = this.db<BuildRow>('builds')
      .insert(row)
      .onConflict(['component_ref', 'version'])
      .ignore()
      .returning('id');
    if (isPostgres(this.db) && unique.length > 0 && unique.length <= 200) {
      // PostgreSQL: the build and its commits in one statement (one round trip per report
      // fewer); the commits are inserted only when the build row was (a repeat inserts nothing).
      const inserted =
        (
          await this.db
            .with('b', insertBuild)
            .with(
              'c',
              this.db.raw(
                `INSERT INTO build_commits (build_id, sha, committed_at, message, author)
                 SELECT b.id, v.sha, v.committed_at, v.message, v.author
                 FROM b CROSS JOIN (VALUES ${unique
                   .map(() => '(?, ?::timestamptz, ?::text, ?::text)')
                   .join(', ')})
                   AS v (sha, committed_at, message, author)`,
                unique.flatMap(c => [
                  c.sha,
                  c.time,
                  c.message ?? null,
                  c.author ?? null,
                ]),
              ),
            )
            .select('id')
            .from('b')
        ).length === 1;
      if (inserted) {
        return {
          build: toBuild(
            row,
            unique.map(c => toCommit(c.sha, c.time, c.message, c.author)),
          ),
          inserted,
        };
      }
      return { build: await this.storedVersion(build), inserted };
    }
    const inserted = (await insertBuild).length === 1;
    if (!inserted) {
      return { build: await this.storedVersion(build), inserted };
    }
    const rows: CommitRow[] = unique.map(c => ({
      build_id: build.id,
      sha: c.sha,
      committed_at: c.time,
      message: c.message ?? null,
      author: c.author ?? null,
    }));
    for (let i = 0; i < rows.length; i += 200) {
      await this.db<CommitRow>('build_commits').insert(rows.slice(i, i + 200));
    }
    return {
      build: toBuild(
        row,
        unique.map(c => toCommit(c.sha, c.time, c.message, c.author)),
      ),
      inserted,
    };
  }

  /** The stored build of a version that was already reported. */
  private async storedVersion(build: NewBuild) {
    const stored = await this.getByVersion(build.componentRef, build.version);
    if (!stored) {
      throw new Error(`build ${build.componentRef}@${build.version} vanished`);
    }
    return stored;
  }

  async insertManyIfAbsent(builds: NewBuild[]) {
    const keyOf = (b: { componentRef: string; version: string }) =>
      JSON.stringify([b.componentRef, b.version]);
    const first = new Map<string, NewBuild>();
    for (const build of builds) {
      if (!first.has(keyOf(build))) {
        first.set(keyOf(build), build);
      }
    }
    const candidates = [...first.values()];
    const inserted = new Set<string>();
    const perInsert = rowsPerInsert(this.db);
    for (let i = 0; i < candidates.length; i += perInsert) {
      const rows = candidates.slice(i, i + perInsert).map(toRow);
      const ids = await insertRows(this.db, 'builds', rows, {
        ignoreConflictOn: ['component_ref', 'version'],
        returning: 'id',
      });
      for (const { id } of ids) {
        inserted.add(id as string);
      }
    }
    const ours = candidates.filter(b => inserted.has(b.id));
    const commitRows: CommitRow[] = ours.flatMap(build =>
      [...new Map(build.commits.map(c => [c.sha, c])).values()].map(c => ({
        build_id: build.id,
        sha: c.sha,
        committed_at: c.time,
        message: c.message ?? null,
        author: c.author ?? null,
      })),
    );
    for (let i = 0; i < commitRows.length; i += perInsert) {
      await insertRows(
        this.db,
        'build_commits',
        commitRows.slice(i, i + perInsert),
      );
    }
    const stored = new Map<string, Build>();
    const theirs = candidates.filter(b => !inserted.has(b.id));
    for (let i = 0; i < theirs.length; i += 100) {
      for (const build of await this.getByVersions(theirs.slice(i, i + 100))) {
        stored.set(keyOf(build), build);
      }
    }
    for (const build of ours) {
      const unique = [...new Map(build.commits.map(c => [c.sha, c])).values()];
      stored.set(
        keyOf(build),
        toBuild(
          toRow(build),
          unique.map(c => toCommit(c.sha, c.time, c.message, c.author)),
        ),
      );
    }
    return builds.map(build => {
      const answer = stored.get(keyOf(build));
      if (!answer) {
        throw new Error(
          `build ${build.componentRef}@${build.version} vanished`,
        );
      }
      return {
        build: answer,
        inserted: answer.id === build.id && inserted.has(build.id),
      };
    });
  }

  async get(id: string) {
    const row = await this.db<BuildRow>('builds').where({ id }).first();
    return row ? (await this.withCommits([row]))[0] : undefined;
  }

  async hasAny() {
    return (await this.db('builds').first('id')) !== undefined;
  }

  async getByVersion(componentRef: string, version: string) {
    const row = await this.db<BuildRow>('builds')
      .where({ component_ref: componentRef, version })
      .first();
    return row ? (await this.withCommits([row]))[0] : undefined;
  }

  async getByVersions(pairs: Array<{ componentRef: string; version: string }>) {
    if (pairs.length === 0) {
      return [];
    }
    const rows = await this.db<BuildRow>('builds').where(q => {
      for (const pair of pairs) {
        q.orWhere({ component_ref: pair.componentRef, version: pair.version });
      }
    });
    return this.withCommits(rows);
  }

  async latestForComponents(componentRefs: string[]) {
    const result = new Map<string, Build>();
    if (componentRefs.length === 0) {
      return result;
    }
    const ranked = this.db('builds')
      .select(
        '*',
        this.db.raw(
          'row_number() over (partition by component_ref order by created_at desc, id desc) as rn',
        ),
      )
      .whereIn('component_ref', componentRefs)
      .as('ranked');
    const rows: BuildRow[] = await this.db
      .select('*')
      .from(ranked)
      .where('rn', 1);
    for (const build of await this.withCommits(rows)) {
      result.set(build.componentRef, build);
    }
    return result;
  }

  async commitsBetween(options: {
    componentRef: string;
    fromBuildId?: string;
    toBuildId: string;
    limit: number;
  }) {
    const { componentRef, fromBuildId, toBuildId, limit } = options;
    const positions: Array<Pick<BuildRow, 'id' | 'created_at'>> =
      await this.db<BuildRow>('builds')
        .where('component_ref', componentRef)
        .whereIn('id', fromBuildId ? [fromBuildId, toBuildId] : [toBuildId])
        .select('id', 'created_at');
    const to = positions.find(p => p.id === toBuildId);
    const from = positions.find(p => p.id === fromBuildId);
    if (!to || (fromBuildId && !from)) {
      return { commits: [], truncated: false, reverted: false };
    }
    const reverted = from !== undefined && compareByReport(from, to) > 0;
    const [lower, upper] = reverted ? [to, from!] : [from, to];
    const query = this.db('builds as b')
      .leftJoin('build_commits as c', 'c.build_id', 'b.id')
      .where('b.component_ref', componentRef)
      .where(q =>
        q
          .where('b.created_at', '<', upper.created_at)
          .orWhere(q2 =>
            q2
              .where('b.created_at', '=', upper.created_at)
              .andWhere('b.id', '<=', upper.id),
          ),
      )
      .orderBy([
        { column: 'b.created_at', order: 'desc' },
        { column: 'b.id', order: 'desc' },
        { column: 'c.committed_at', order: 'desc' },
        { column: 'c.sha', order: 'desc' },
      ])
      .limit(limit + 1)
      .select(
        'b.version',
        'b.commit_sha',
        'b.commit_time',
        'c.sha',
        'c.committed_at',
        'c.message',
        'c.author',
      );
    if (lower) {
      query.where(q =>
        q
          .where('b.created_at', '>', lower.created_at)
          .orWhere(q2 =>
            q2
              .where('b.created_at', '=', lower.created_at)
              .andWhere('b.id', '>', lower.id),
          ),
      );
    }
    const rows = await query;
    const commits = new Map<string, ChangeCommit>();
    for (const row of rows.slice(0, limit)) {
      const sha: string = row.sha ?? row.commit_sha;
      if (!commits.has(sha)) {
        commits.set(sha, {
          sha,
          time: toIso(row.sha ? row.committed_at : row.commit_time),
          ...(row.sha && row.message ? { message: row.message } : {}),
          ...(row.sha && row.author ? { author: row.author } : {}),
          version: row.version,
        });
      }
    }
    return {
      commits: [...commits.values()],
      truncated: rows.length > limit,
      reverted,
    };
  }

  async list(options: {
    componentRef: string;
    limit: number;
    cursor?: ListCursor;
  }) {
    const query = pageNewestFirst(
      this.db<BuildRow>('builds').where('component_ref', options.componentRef),
      options,
    );
    return this.withCommits(await query);
  }

  private async withCommits(rows: BuildRow[]): Promise<Build[]> {
    const commits = new Map<string, Build['commits']>();
    if (rows.length > 0) {
      const commitRows = await this.db<CommitRow>('build_commits')
        .whereIn(
          'build_id',
          rows.map(r => r.id),
        )
        .orderBy('committed_at', 'asc');
      for (const c of commitRows) {
        const list = commits.get(c.build_id) ?? [];
        list.push(toCommit(c.sha, c.committed_at, c.message, c.author));
        commits.set(c.build_id, list);
      }
    }
    return rows.map(row => toBuild(row, commits.get(row.id) ?? []));
  }
}
