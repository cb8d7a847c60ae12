/** The fields of a GitHub deployment the source reads (REST API 2022-11-28). */
export interface GithubDeployment {
  id: number;
  sha: string;
  ref: string;
  environment: string;
  created_at: string;
  payload?: unknown;
  creator?: { login?: string } | null;
  production_environment?: boolean;
}

/** The fields of a deployment status the source reads. */
export interface GithubDeploymentStatus {
  state:
    | 'error'
    | 'failure'
    | 'inactive'
    | 'in_progress'
    | 'queued'
    | 'pending'
    | 'success';
  created_at: string;
}

/** A repository of a catalog component: `github.com/project-slug` and where GitHub is. */
export interface GithubRepository {
  /** The integration host, e.g. github.com or ghe.acme.example. */
  host: string;
  /** REST API base, e.g. https://api.github.com or https://ghe.acme.example/api/v3. */
  apiBaseUrl: string;
  /** `owner/name`. */
  slug: string;
  /** Full ref of the component it deploys. */
  componentRef: string;
}
