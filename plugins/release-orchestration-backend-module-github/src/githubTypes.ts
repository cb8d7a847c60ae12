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

/** The fields of a commit (`GET /repos/{o}/{r}/commits/{sha}`, and the compare API's list). */
export interface GithubCommit {
  sha: string;
  html_url?: string;
  commit: {
    message?: string;
    author?: { date?: string } | null;
    committer?: { date?: string } | null;
  };
}

/** The fields of a workflow run the source reads (`GET .../actions/workflows/{file}/runs`). */
export interface GithubWorkflowRun {
  id: number;
  run_attempt?: number;
  head_sha: string;
  head_branch?: string | null;
  /** e.g. `.github/workflows/deploy.yml`. */
  path?: string;
  /** queued, in_progress, completed, waiting, requested, pending. */
  status: string | null;
  /** success, failure, cancelled, skipped, timed_out, action_required, neutral, stale, startup_failure. */
  conclusion: string | null;
  created_at: string;
  updated_at: string;
  run_started_at?: string;
  actor?: { login?: string } | null;
}

/** A deployment workflow of a repository without Deployments, and the lane it deploys to. */
export interface GithubDeployWorkflow {
  /** The workflow's file name, e.g. `deploy.yml`. */
  file: string;
  lane: string;
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
  /**
   * Deployment workflows (annotation `release-orchestration.io/github-workflows`): when set, their
   * runs are read instead of the repository's Deployments.
   */
  workflows?: GithubDeployWorkflow[];
}
