import { AuthService } from '@backstage/backend-plugin-api';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  readAnnotatedComponents,
  sourceLocationHost,
} from '@release-orchestration/plugin-release-orchestration-node';
import { GitlabProject } from './gitlabTypes';

/** The annotation naming a component's GitLab project, `group/subgroup/name`. */
export const GITLAB_SLUG_ANNOTATION = 'gitlab.com/project-slug';
/** The annotation naming a self-managed GitLab's host (the convention of the GitLab plugins). */
export const GITLAB_INSTANCE_ANNOTATION = 'gitlab.com/instance';

/**
 * The projects of the catalog's components that carry `gitlab.com/project-slug`, each with the
 * API and web base URLs of its GitLab integration (self-managed: its `apiBaseUrl`, `baseUrl`).
 * The host is `gitlab.com/instance`, else the source location's when a GitLab integration has
 * it, else gitlab.com.
 */
export async function catalogProjects(options: {
  catalog: CatalogService;
  auth: AuthService;
  integrations: ScmIntegrationRegistry;
}): Promise<GitlabProject[]> {
  const known = (host: string) => !!options.integrations.gitlab.byHost(host);
  const components = await readAnnotatedComponents({
    catalog: options.catalog,
    auth: options.auth,
    annotation: GITLAB_SLUG_ANNOTATION,
    pattern: /^[\w.-]+(\/[\w.-]+)+$/,
  });
  return components.map(component => {
    const instance =
      component.annotations[GITLAB_INSTANCE_ANNOTATION]?.trim() ?? '';
    const host =
      (instance && known(instance) ? instance : undefined) ??
      sourceLocationHost(component.annotations, known) ??
      'gitlab.com';
    const integration = options.integrations.gitlab.byHost(host)?.config;
    return {
      host,
      slug: component.value,
      apiBaseUrl: integration?.apiBaseUrl ?? `https://${host}/api/v4`,
      baseUrl: integration?.baseUrl ?? `https://${host}`,
      componentRef: component.componentRef,
    };
  });
}
