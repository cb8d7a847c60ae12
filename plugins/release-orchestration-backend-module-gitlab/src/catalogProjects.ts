import { AuthService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { GitlabProject } from './gitlabTypes';

/** The annotation naming a component's GitLab project, `group/subgroup/name`. */
export const GITLAB_SLUG_ANNOTATION = 'gitlab.com/project-slug';
/** The annotation naming a self-managed GitLab's host (the convention of the GitLab plugins). */
export const GITLAB_INSTANCE_ANNOTATION = 'gitlab.com/instance';

/**
 * The host of a component's GitLab: `gitlab.com/instance`, else the host of its source location
 * when a GitLab integration has it, else gitlab.com.
 */
function hostOf(entity: Entity, integrations: ScmIntegrationRegistry): string {
  const annotations = entity.metadata.annotations ?? {};
  const instance = annotations[GITLAB_INSTANCE_ANNOTATION]?.trim();
  if (instance && integrations.gitlab.byHost(instance)) {
    return instance;
  }
  const location = (annotations['backstage.io/source-location'] ?? '').replace(
    /^url:/,
    '',
  );
  try {
    const host = new URL(location).host;
    if (integrations.gitlab.byHost(host)) {
      return host;
    }
  } catch {
    // Not a URL: the default host.
  }
  return 'gitlab.com';
}

/**
 * The projects of the catalog's components that carry `gitlab.com/project-slug`, each with the
 * API and web base URLs of its GitLab integration (self-managed: its `apiBaseUrl`, `baseUrl`).
 */
export async function catalogProjects(options: {
  catalog: CatalogService;
  auth: AuthService;
  integrations: ScmIntegrationRegistry;
}): Promise<GitlabProject[]> {
  const credentials = await options.auth.getOwnServiceCredentials();
  const { items } = await options.catalog.getEntities(
    {
      filter: {
        kind: 'component',
        [`metadata.annotations.${GITLAB_SLUG_ANNOTATION}`]:
          CATALOG_FILTER_EXISTS,
      },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.annotations',
      ],
    },
    { credentials },
  );
  const projects: GitlabProject[] = [];
  for (const entity of items) {
    const slug = entity.metadata.annotations?.[GITLAB_SLUG_ANNOTATION]?.trim();
    if (!slug || !/^[\w.-]+(\/[\w.-]+)+$/.test(slug)) {
      continue;
    }
    const host = hostOf(entity, options.integrations);
    const integration = options.integrations.gitlab.byHost(host)?.config;
    projects.push({
      host,
      slug,
      apiBaseUrl: integration?.apiBaseUrl ?? `https://${host}/api/v4`,
      baseUrl: integration?.baseUrl ?? `https://${host}`,
      componentRef: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
    });
  }
  return projects;
}
