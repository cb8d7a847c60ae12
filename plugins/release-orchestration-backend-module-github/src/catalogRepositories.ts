import { AuthService } from '@backstage/backend-plugin-api';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  laneForEnvironment,
  readAnnotatedComponents,
  sourceLocationHost,
} from '@release-orchestration/plugin-release-orchestration-node';
import { GithubDeployWorkflow, GithubRepository } from './githubTypes';

/** The annotation naming a component's GitHub repository, `owner/name`. */
export const GITHUB_SLUG_ANNOTATION = 'github.com/project-slug';
/**
 * The annotation naming deployment workflows of a repository without Deployments:
 * `deploy.yml=production, deploy-staging.yml=staging` (a file without a lane deploys to
 * `production`).
 */
export const GITHUB_WORKFLOWS_ANNOTATION =
  'release-orchestration.io/github-workflows';

const WORKFLOW_FILE = /^[\w.-]+\.ya?ml$/;

/** The workflows of the annotation; an entry that is not `<file>.yml[=<lane>]` is left out. */
export function parseDeployWorkflows(
  value: string | undefined,
  lanes: Record<string, string>,
): GithubDeployWorkflow[] {
  const workflows: GithubDeployWorkflow[] = [];
  for (const entry of (value ?? '').split(',')) {
    const [file, lane] = entry.split('=').map(s => s.trim());
    if (file && WORKFLOW_FILE.test(file)) {
      workflows.push({
        file,
        lane: laneForEnvironment(lane || 'production', lanes),
      });
    }
  }
  return workflows;
}

/**
 * The repositories of the catalog's components that carry `github.com/project-slug`, each
 * with the API base URL of its GitHub integration (GitHub Enterprise: its `apiBaseUrl`): the
 * host of the component's source location when a GitHub integration has it, else github.com.
 */
export async function catalogRepositories(options: {
  catalog: CatalogService;
  auth: AuthService;
  integrations: ScmIntegrationRegistry;
  /** Environment name to lane (for the lanes of deployment workflows). */
  lanes?: Record<string, string>;
}): Promise<GithubRepository[]> {
  const components = await readAnnotatedComponents({
    catalog: options.catalog,
    auth: options.auth,
    annotation: GITHUB_SLUG_ANNOTATION,
    pattern: /^[\w.-]+\/[\w.-]+$/,
  });
  return components.map(component => {
    const host =
      sourceLocationHost(
        component.annotations,
        h => !!options.integrations.github.byHost(h),
      ) ?? 'github.com';
    const workflows = parseDeployWorkflows(
      component.annotations[GITHUB_WORKFLOWS_ANNOTATION],
      options.lanes ?? {},
    );
    return {
      host,
      slug: component.value,
      apiBaseUrl:
        options.integrations.github.byHost(host)?.config.apiBaseUrl ??
        'https://api.github.com',
      componentRef: component.componentRef,
      ...(workflows.length > 0 ? { workflows } : {}),
    };
  });
}
