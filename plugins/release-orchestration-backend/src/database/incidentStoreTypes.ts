import {
  Incident,
  IncidentAttribution,
} from '@release-orchestration/plugin-release-orchestration-common';
import { ListCursor } from './types';

/**
 * An incident to be stored: an {@link Incident} before anything changed it (no fix recorded yet;
 * `updatedAt` is `createdAt`).
 */
export type NewIncident = Omit<Incident, 'fixedByDeploymentId' | 'updatedAt'>;

/** The key of an incident in its source, as {@link IncidentStore.getByExternalIds} keys it. */
export function externalKey(source: string, externalId: string): string {
  return `${source}\u0000${externalId}`;
}

/** Fields of an incident that can change; `null` clears one. */
export interface IncidentChanges {
  title?: string;
  url?: string | null;
  openedAt?: string;
  resolvedAt?: string | null;
  deploymentId?: string | null;
  releaseId?: string | null;
  attribution?: IncidentAttribution;
  fixedByDeploymentId?: string | null;
  updatedAt: string;
}

/** A succeeded deployment an incident can be attributed to. */
export interface AttributableDeployment {
  id: string;
  systemRef: string;
  environment: string;
  releaseId?: string;
  status: string;
  finishedAt?: string;
}

/** Incidents, and the deployment look-ups that attribute them. */
export interface IncidentStore {
  /** Inserts unless the source already has the external id; returns the stored incident. */
  insertIfAbsent(
    incident: NewIncident,
  ): Promise<{ incident: Incident; inserted: boolean }>;
  /**
   * {@link IncidentStore.insertIfAbsent} for many incidents of distinct (source, external id), in
   * a few multi-row statements: one answer per incident, in order.
   */
  insertManyIfAbsent(
    incidents: NewIncident[],
  ): Promise<Array<{ incident: Incident; inserted: boolean }>>;
  get(id: string): Promise<Incident | undefined>;
  /** Whether any incident was ever reported. */
  hasAny(): Promise<boolean>;
  getByExternalId(
    source: string,
    externalId: string,
  ): Promise<Incident | undefined>;
  /** {@link IncidentStore.getByExternalId} of many, in one statement per 250: keyed `source \u0000 externalId`. */
  getByExternalIds(
    keys: Array<{ source: string; externalId: string }>,
  ): Promise<Map<string, Incident>>;
  update(id: string, changes: IncidentChanges): Promise<Incident>;
  /** A System's incidents, newest reported first. */
  list(options: {
    systemRef: string;
    environment?: string;
    limit: number;
    cursor?: ListCursor;
  }): Promise<Incident[]>;
  /**
   * The incidents of a System in an environment that a deployment report names as fixed: by
   * incident id or by external id (at most two, so that an ambiguous external id is seen).
   */
  findForFix(
    systemRef: string,
    environment: string,
    ref: string,
  ): Promise<Incident[]>;
  /** A deployment by id, as attribution needs it. */
  getDeployment(id: string): Promise<AttributableDeployment | undefined>;
  /**
   * The newest succeeded deployment of a System in an environment that finished at or before a
   * time, optionally of one release.
   */
  newestSucceededDeployment(options: {
    systemRef: string;
    environment: string;
    atOrBefore: string;
    releaseId?: string;
  }): Promise<AttributableDeployment | undefined>;
  /**
   * {@link IncidentStore.newestSucceededDeployment} (without a release) of many incidents in one
   * statement: one answer per query, in order.
   */
  newestSucceededDeployments(
    queries: Array<{
      systemRef: string;
      environment: string;
      atOrBefore: string;
    }>,
  ): Promise<Array<AttributableDeployment | undefined>>;
  /**
   * Incidents of a System in an environment opened at or after a time, with the finish time of the
   * deployment each is attributed to: the candidates when a deployment is recorded late.
   */
  listOpenedSince(options: {
    systemRef: string;
    environment: string;
    since: string;
  }): Promise<Array<Incident & { deploymentFinishedAt?: string }>>;
  /**
   * {@link IncidentStore.listOpenedSince} of many Systems in one statement: one list per query, in
   * order. With `movableOnly`, only the incidents a deployment finished at `since` could take over:
   * automatic ones attributed to no deployment or to one finished before `since`, and explicit ones
   * naming a release but no deployment.
   */
  listOpenedSinceMany(
    queries: Array<{ systemRef: string; environment: string; since: string }>,
    options?: { movableOnly?: boolean },
  ): Promise<Array<Array<Incident & { deploymentFinishedAt?: string }>>>;
  /**
   * The releases with an unresolved incident against them, per lane of one System: a release
   * with an open incident is not known-good there.
   */
  openIncidentReleases(
    systemRef: string,
    environments: string[],
  ): Promise<Array<{ environment: string; releaseId: string }>>;
  /** When incidents against a release in a lane opened and resolved (soak time). */
  incidentWindowsOf(
    releaseId: string,
    environment: string,
  ): Promise<Array<{ openedAt: string; resolvedAt?: string }>>;
}
