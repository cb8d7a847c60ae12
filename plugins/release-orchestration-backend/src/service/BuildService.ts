import { newId } from '../database/newId';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  AuditEvent,
  Build,
  BuildWithReleases,
  Page,
  reportBuildRequestSchema,
} from '@release-orchestration/plugin-release-orchestration-common';
import { z } from 'zod';
import { NewAuditEvent, Stores } from '../database/types';
import { decodeCursor, toPage } from './pagination';
import { EventPublisher } from './EventPublisher';
import { CatalogGateway } from './CatalogGateway';
import type { IngestBinding } from './ingest/IngestBinding';

/** A validated `POST /builds` body. */
export type ReportBuildInput = z.output<typeof reportBuildRequestSchema>;

function buildReportedEvent(build: Build, actor: string): NewAuditEvent {
  return {
    actor,
    action: 'build.reported',
    entityRef: build.componentRef,
    subjectType: 'build',
    subjectId: build.id,
    summary: `Build ${build.version} of ${
      build.componentRef
    } reported (${build.artifactDigest.slice(0, 19)})`,
    data: {
      version: build.version,
      artifactDigest: build.artifactDigest,
      commitSha: build.commitSha,
    },
    createdAt: build.createdAt,
  };
}

/** Rules for builds: immutability and idempotent reporting. */
export class BuildService {
  constructor(
    private readonly stores: Stores,
    private readonly catalog: CatalogGateway,
    private readonly events: EventPublisher,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * The same rules over other stores, catalog and publisher: the ingest service binds it to one
   * transaction of a batch, a memoizing catalog, and a publisher that waits for the commit.
   */
  bind(deps: IngestBinding): BuildService {
    return new BuildService(
      deps.stores,
      deps.catalog ?? this.catalog,
      deps.events,
      this.now,
    );
  }

  /**
   * Records a build. Reporting the same component version with the same digest again returns
   * the stored build (`created: false`); with another digest it is a conflict.
   */
  async report(
    input: ReportBuildInput,
    actor: string,
    options: { source?: string } = {},
  ): Promise<{ build: Build; created: boolean }> {
    if (!(await this.catalog.getComponentSystem(input.component))) {
      throw new InputError(
        `component: ${input.component} is not in the catalog; register the Component before reporting its builds`,
      );
    }
    const result = await this.stores.transaction(async tx => {
      const { build, inserted } = await tx.builds.insertIfAbsent({
        id: newId(),
        componentRef: input.component,
        version: input.version,
        artifactUri: input.artifactUri,
        artifactDigest: input.artifactDigest.toLowerCase(),
        buildUrl: input.buildUrl,
        commitSha: input.commitSha,
        commitTime: input.commitTime,
        commits: input.commits ?? [],
        reportedBy: actor,
        createdAt: this.now().toISOString(),
        source: options.source,
      });
      if (!inserted) {
        if (build.artifactDigest !== input.artifactDigest.toLowerCase()) {
          throw new ConflictError(
            `${input.component} version ${input.version} was already reported with digest ${build.artifactDigest}; builds are immutable, report a new version`,
          );
        }
        return { build, created: false, event: undefined };
      }
      const event = await tx.audit.append(buildReportedEvent(build, actor));
      return { build, created: true, event };
    });
    if (result.event) {
      await this.events.publish([result.event]);
    }
    return { build: result.build, created: result.created };
  }

  /**
   * {@link BuildService.report} for many builds with the same rules and one audit event per
   * created build, written with a few multi-row statements in one transaction (the caller's, when
   * bound to one). Throws what the first refused build's single report would; nothing is written
   * then. Builds of one component reported in the same millisecond get increasing report times, so
   * that "newest" keeps the order they came in.
   */
  async reportMany(
    inputs: ReportBuildInput[],
    actor: string,
    options: { source?: string } = {},
  ): Promise<Array<{ build: Build; created: boolean }>> {
    for (const input of inputs) {
      if (!(await this.catalog.getComponentSystem(input.component))) {
        throw new InputError(
          `component: ${input.component} is not in the catalog; register the Component before reporting its builds`,
        );
      }
    }
    const lastAt = new Map<string, number>();
    const builds = inputs.map(input => {
      const at = Math.max(
        this.now().getTime(),
        (lastAt.get(input.component) ?? -Infinity) + 1,
      );
      lastAt.set(input.component, at);
      return {
        id: newId(),
        componentRef: input.component,
        version: input.version,
        artifactUri: input.artifactUri,
        artifactDigest: input.artifactDigest.toLowerCase(),
        buildUrl: input.buildUrl,
        commitSha: input.commitSha,
        commitTime: input.commitTime,
        commits: input.commits ?? [],
        reportedBy: actor,
        createdAt: new Date(at).toISOString(),
        source: options.source,
      };
    });
    const result = await this.stores.transaction(async tx => {
      const stored = await tx.builds.insertManyIfAbsent(builds);
      const events: AuditEvent[] = [];
      const answers: Array<{ build: Build; created: boolean }> = [];
      for (const [i, { build, inserted }] of stored.entries()) {
        if (!inserted) {
          if (build.artifactDigest !== builds[i].artifactDigest) {
            throw new ConflictError(
              `${build.componentRef} version ${build.version} was already reported with digest ${build.artifactDigest}; builds are immutable, report a new version`,
            );
          }
          answers.push({ build, created: false });
          continue;
        }
        events.push(await tx.audit.append(buildReportedEvent(build, actor)));
        answers.push({ build, created: true });
      }
      return { answers, events };
    });
    await this.events.publish(result.events);
    return result.answers;
  }

  async get(id: string): Promise<Build> {
    const build = await this.stores.builds.get(id);
    if (!build) {
      throw new NotFoundError(`No build with id ${id}`);
    }
    return build;
  }

  /** The component's builds, newest first, each with the releases that contain it. */
  async list(options: {
    componentRef: string;
    limit: number;
    cursor?: string;
  }): Promise<Page<BuildWithReleases>> {
    const builds = await this.stores.builds.list({
      componentRef: options.componentRef,
      limit: options.limit + 1,
      cursor: decodeCursor(options.cursor),
    });
    const page = toPage(builds, options.limit);
    const containing = await this.stores.releases.listContainingBuilds(
      page.items.map(b => b.id),
    );
    return {
      ...page,
      items: page.items.map(b => ({
        ...b,
        releases: containing.get(b.id) ?? [],
      })),
    };
  }
}
