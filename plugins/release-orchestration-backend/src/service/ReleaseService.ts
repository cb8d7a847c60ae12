import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { newId } from '../database/newId';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  Build,
  ChangeCommit,
  createReleaseRequestSchema,
  Page,
  Release,
  ReleaseDetails,
  ReleaseDiff,
  ReleaseNotes,
  ReleaseSummary,
} from '@release-orchestration/plugin-release-orchestration-common';
import { z } from 'zod';
import { Stores } from '../database/types';
import { CatalogGateway, SystemComponent } from './CatalogGateway';
import { attachCommits } from './attachCommits';
import { manifestDigest } from '../manifest/manifestDigest';
import { releaseNotesMarkdown } from './releaseNotes/releaseNotesMarkdown';
import { diffManifests } from './diffManifests';
import { CommitLinker } from './releaseNotes/commitLinks';
import { decodeCursor, toPage } from './pagination';
import { EventPublisher } from './EventPublisher';

/** A validated `POST /releases` body. */
export type CreateReleaseInput = z.output<typeof createReleaseRequestSchema>;

/** What a release is compared with: another release, or the release currently in a lane. */
export interface DiffTarget {
  release?: string;
  environment?: string;
}

/** A component of a System with its newest build, for cutting a release. */
export interface ReleasableComponent extends SystemComponent {
  latestBuild?: Build;
}

function listNames(refs: readonly string[]) {
  return refs.join(', ');
}

/** Rules for releases: manifests from builds, membership per the catalog, immutability. */
export class ReleaseService {
  constructor(
    private readonly stores: Stores,
    private readonly catalog: CatalogGateway,
    private readonly events: EventPublisher,
    private readonly now: () => Date = () => new Date(),
    /** The configured lanes, to refuse a diff against an unknown one (unchecked when absent). */
    private readonly environments?: readonly string[],
    /** Commit links and the pull requests/tickets named in messages (`releaseOrchestration.commitLinks`). */
    private readonly commitLinker: CommitLinker = new CommitLinker(),
  ) {}

  /** The System's components per the catalog, each with its newest build. */
  async releasableComponents(
    systemRef: string,
    credentials?: BackstageCredentials,
  ): Promise<ReleasableComponent[]> {
    const components = await this.requireSystemComponents(
      systemRef,
      'system',
      credentials,
    );
    const latest = await this.stores.builds.latestForComponents(
      components.map(c => c.componentRef),
    );
    return components.map(c => ({
      ...c,
      latestBuild: latest.get(c.componentRef),
    }));
  }

  /** Cuts an immutable release: the given versions, or the newest build of every component. */
  async create(input: CreateReleaseInput, actor: string): Promise<Release> {
    const members = await this.requireSystemComponents(input.system, 'system');
    const builds = input.components
      ? await this.explicitBuilds(
          input,
          new Set(members.map(m => m.componentRef)),
        )
      : await this.newestBuilds(input.system, members);

    const id = newId();
    const createdAt = this.now().toISOString();
    const event = await this.stores.transaction(async tx => {
      const { inserted } = await tx.releases.insertIfAbsent({
        id,
        systemRef: input.system,
        version: input.version,
        notes: input.notes,
        riskClass: input.riskClass,
        createdBy: actor,
        createdAt,
        components: builds.map(b => ({
          componentRef: b.componentRef,
          buildId: b.id,
        })),
      });
      if (!inserted) {
        throw new ConflictError(
          `version: ${input.system} already has a release named ${input.version}; releases are immutable, pick a new version name`,
        );
      }
      return tx.audit.append({
        actor,
        action: 'release.created',
        entityRef: input.system,
        subjectType: 'release',
        subjectId: id,
        summary: `Release ${input.version} of ${input.system} cut with ${builds.length} component(s)`,
        data: {
          version: input.version,
          riskClass: input.riskClass,
          manifestDigest: manifestDigest(builds),
          manifest: builds
            .map(b => ({
              component: b.componentRef,
              version: b.version,
              digest: b.artifactDigest,
            }))
            .sort((a, b) => a.component.localeCompare(b.component)),
        },
        createdAt,
      });
    });
    await this.events.publish([event]);
    return this.get(id);
  }

  async get(id: string): Promise<Release> {
    const summary = await this.requireRelease(id);
    const [components, previous] = await Promise.all([
      this.stores.releases.getManifest(id),
      this.stores.releases.getPrevious(summary),
    ]);
    return {
      ...summary,
      components,
      ...(previous ? { previousReleaseId: previous.id } : {}),
    };
  }

  /**
   * The id of the release a URL names: a release id as is, or a version name of `systemRef`
   * (versions are unique per System). 404 naming the version when the System has none such.
   */
  async resolveId(idOrVersion: string, systemRef?: string): Promise<string> {
    if (z.string().uuid().safeParse(idOrVersion).success) {
      return idOrVersion;
    }
    if (!systemRef) {
      throw new InputError(
        'system: required to find a release by its version name (versions are unique per System)',
      );
    }
    const id = await this.stores.releases.idOfVersion(systemRef, idOrVersion);
    if (!id) {
      throw new NotFoundError(
        `${systemRef} has no release named ${idOrVersion}`,
      );
    }
    return id;
  }

  /** The release with its manifest, evidence and promotions (each with votes and transitions). */
  async getDetails(id: string): Promise<ReleaseDetails> {
    const release = await this.get(id);
    const [evidence, promotions] = await Promise.all([
      this.stores.evidence.listForRelease(id),
      this.stores.promotions.listForRelease(id),
    ]);
    return { ...release, evidence, promotions };
  }

  async list(options: {
    systemRef: string;
    limit: number;
    cursor?: string;
  }): Promise<Page<ReleaseSummary>> {
    const items = await this.stores.releases.list({
      systemRef: options.systemRef,
      limit: options.limit + 1,
      cursor: decodeCursor(options.cursor),
    });
    return toPage(items, options.limit);
  }

  /**
   * What release `id` changes, per component with its commits: compared with the release
   * `against.release`, with the release currently in the lane `against.environment`, or by
   * default with the previous release of its System.
   */
  async diff(id: string, against: DiffTarget = {}): Promise<ReleaseDiff> {
    const release = await this.requireRelease(id);
    if (against.release && against.environment) {
      throw new InputError('against, environment: give one of them, not both');
    }
    let base: ReleaseSummary | undefined;
    if (against.environment) {
      base = await this.currentInLane(release.systemRef, against.environment);
    } else if (against.release) {
      base = await this.stores.releases.get(against.release);
      if (!base) {
        throw new NotFoundError(
          `against: no release with id ${against.release}`,
        );
      }
      if (base.systemRef !== release.systemRef) {
        throw new InputError(
          `against: release ${base.version} belongs to ${base.systemRef}, not ${release.systemRef}`,
        );
      }
    } else {
      base = await this.stores.releases.getPrevious(release);
      if (!base) {
        throw new NotFoundError(
          `Release ${release.version} is the first release of ${release.systemRef}; there is nothing to compare it with`,
        );
      }
    }
    const [mine, theirs] = await Promise.all([
      this.stores.releases.getManifest(release.id),
      base ? this.stores.releases.getManifest(base.id) : Promise.resolve([]),
    ]);
    return {
      release: { id: release.id, version: release.version },
      ...(base ? { against: { id: base.id, version: base.version } } : {}),
      ...(against.environment ? { environment: against.environment } : {}),
      changes: (
        await attachCommits(
          this.stores.builds,
          diffManifests(mine, theirs),
          mine,
          theirs,
        )
      ).map(change => {
        const link = (commits: ChangeCommit[]) =>
          commits.map(c => this.commitLinker.link(change.componentRef, c));
        return {
          ...change,
          ...(change.commits ? { commits: link(change.commits) } : {}),
          ...(change.revertedCommits
            ? { revertedCommits: link(change.revertedCommits) }
            : {}),
        };
      }),
    };
  }

  /** Markdown release notes: the commits, pull requests and tickets of {@link ReleaseService.diff}. */
  async notes(id: string, against: DiffTarget = {}): Promise<ReleaseNotes> {
    const diff = await this.diff(id, against);
    return releaseNotesMarkdown(await this.requireRelease(id), diff);
  }

  /** The release of the newest succeeded release deployment in a lane (its expected manifest). */
  private async currentInLane(systemRef: string, environment: string) {
    if (this.environments && !this.environments.includes(environment)) {
      throw new InputError(
        `environment: '${environment}' is not a configured environment; the lanes are ${listNames(
          this.environments,
        )}`,
      );
    }
    const [latest] = await this.stores.drift.succeededReleaseDeployments(
      systemRef,
      [environment],
      1,
    );
    return latest ? this.stores.releases.get(latest.releaseId) : undefined;
  }

  private async requireRelease(id: string) {
    const release = await this.stores.releases.get(id);
    if (!release) {
      throw new NotFoundError(`No release with id ${id}`);
    }
    return release;
  }

  private async requireSystemComponents(
    systemRef: string,
    field: string,
    credentials?: BackstageCredentials,
  ) {
    const components = await this.catalog.getSystemComponents(
      systemRef,
      credentials,
    );
    if (!components) {
      throw new NotFoundError(`${field}: ${systemRef} is not in the catalog`);
    }
    return components;
  }

  private async newestBuilds(systemRef: string, members: SystemComponent[]) {
    if (members.length === 0) {
      throw new InputError(
        `system: ${systemRef} has no components in the catalog (components join a System with spec.system)`,
      );
    }
    const latest = await this.stores.builds.latestForComponents(
      members.map(m => m.componentRef),
    );
    const missing = members
      .map(m => m.componentRef)
      .filter(ref => !latest.has(ref));
    if (missing.length > 0) {
      throw new InputError(
        `components: no build has been reported for ${listNames(
          missing,
        )}; report a build or list the components to release explicitly`,
      );
    }
    return [...latest.values()];
  }

  private async explicitBuilds(
    input: CreateReleaseInput,
    members: Set<string>,
  ) {
    const requested = input.components ?? [];
    const seen = new Set<string>();
    const duplicates = requested
      .map(c => c.component)
      .filter(ref => seen.size === seen.add(ref).size);
    if (duplicates.length > 0) {
      throw new InputError(
        `components: listed more than once: ${listNames([
          ...new Set(duplicates),
        ])}`,
      );
    }
    const strangers = requested
      .map(c => c.component)
      .filter(ref => !members.has(ref));
    if (strangers.length > 0) {
      throw new InputError(
        `components: not part of ${input.system} in the catalog: ${listNames(
          strangers,
        )}`,
      );
    }
    const builds = await this.stores.builds.getByVersions(
      requested.map(c => ({ componentRef: c.component, version: c.version })),
    );
    const found = new Set(builds.map(b => `${b.componentRef}@${b.version}`));
    const unknown = requested
      .map(c => `${c.component}@${c.version}`)
      .filter(key => !found.has(key));
    if (unknown.length > 0) {
      throw new InputError(
        `components: no such build reported: ${listNames(unknown)}`,
      );
    }
    return builds;
  }
}
