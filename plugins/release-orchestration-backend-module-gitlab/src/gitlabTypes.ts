/** The fields of a GitLab deployment the source reads (REST API v4, `GET /projects/:id/deployments`). */
export interface GitlabDeployment {
  id: number;
  iid: number;
  ref: string;
  sha: string;
  /** created, running, success, failed, canceled, skipped, blocked. */
  status: string;
  created_at: string;
  updated_at: string;
  finished_at?: string | null;
  user?: { username?: string } | null;
  environment: { id: number; name: string; tier?: string | null };
  deployable?: { finished_at?: string | null; web_url?: string | null } | null;
}

/** The fields of a GitLab environment the source reads (`GET /projects/:id/environments`). */
export interface GitlabEnvironment {
  id: number;
  name: string;
  /** production, staging, testing, development, other. */
  tier?: string | null;
}

/** The fields of a commit (`repository/compare`, `repository/commits/:sha`). */
export interface GitlabCommit {
  id: string;
  title?: string;
  committed_date: string;
  web_url?: string;
}

/** A project of a catalog component: `gitlab.com/project-slug` and where its GitLab is. */
export interface GitlabProject {
  /** The integration host, e.g. gitlab.com or gitlab.acme.example. */
  host: string;
  /** REST API base, e.g. https://gitlab.com/api/v4. */
  apiBaseUrl: string;
  /** Web base, e.g. https://gitlab.com. */
  baseUrl: string;
  /** The project's full path, `group/subgroup/name`. */
  slug: string;
  /** Full ref of the component it deploys. */
  componentRef: string;
}
