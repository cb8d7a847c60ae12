/**
 * The parts of Argo CD's `argoproj.io/v1alpha1` Application, as `GET /api/v1/applications`
 * returns it, that the module reads.
 */
export interface ArgoCdApplication {
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: {
    project?: string;
    source?: { repoURL?: string; targetRevision?: string; chart?: string };
    destination?: { server?: string; name?: string; namespace?: string };
  };
  status?: {
    sync?: { status?: string; revision?: string };
    health?: { status?: string };
    history?: Array<{
      id: number;
      revision?: string;
      deployedAt: string;
      deployStartedAt?: string;
      source?: unknown;
      initiatedBy?: { username?: string; automated?: boolean };
    }>;
    operationState?: {
      operation?: {
        sync?: { revision?: string; source?: unknown; sources?: unknown[] };
        initiatedBy?: { username?: string; automated?: boolean };
      };
      phase?: 'Running' | 'Terminating' | 'Failed' | 'Error' | 'Succeeded';
      message?: string;
      syncResult?: {
        revision?: string;
        resources?: Array<{
          kind?: string;
          name?: string;
          status?: string;
          images?: string[];
        }>;
      };
      startedAt?: string;
      finishedAt?: string;
    };
    summary?: { externalURLs?: string[]; images?: string[] };
  };
}

/** The body of `GET /api/v1/applications`. */
export interface ArgoCdApplicationList {
  metadata?: { resourceVersion?: string };
  items?: ArgoCdApplication[] | null;
}
