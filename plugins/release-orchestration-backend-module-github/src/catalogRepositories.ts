import { AuthService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { GithubRepository } from './githubTypes';

/** The annotation naming a component's GitHub repository, `owner/name`. */
export const GITHUB_SLUG_ANNOTATION = 'github.com/project-slug';

/** The host of the entity's source location when it is a GitHub integration's, else github.com. */
function hostOf(entity: Entity, integrations: ScmIntegrationRegistry): string {
  const location =
    entity.metadata.annotations?.['backstage.io/source-location'] ?? '';
  const url = location.replace(/^url:/, '');
  try {
    const host = new URL(url).host;
    if (integrations.github.byHost(host)) {
      return host;
    }
  } catch {
    // Not a URL: the default host.
  }
  return 'github.com';
}

/**
 * The repositories of the catalog's components that carry `github.com/project-slug`, each
 * with the API base URL of its GitHub integration (GitHub Enterprise: its `apiBaseUrl`).
 */
export async function catalogRepositories(options: {
  catalog: CatalogService;
  auth: AuthService;
  integrations: ScmIntegrationRegistry;
}): Promise<GithubRepository[]> {
  const credentials = await options.auth.getOwnServiceCredentials();
  const { items } = await options.catalog.getEntities(
    {
      filter: {
        kind: 'component',
        [`metadata.annotations.${GITHUB_SLUG_ANNOTATION}`]:
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
  const repositories: GithubRepository[] = [];
  for (const entity of items) {
    const slug = entity.metadata.annotations?.[GITHUB_SLUG_ANNOTATION]?.trim();
    if (!slug || !/^[\w.-]+\/[\w.-]+$/.test(slug)) {
      continue;
    }
    const host = hostOf(entity, options.integrations);
    repositories.push({
      host,
      slug,
      apiBaseUrl:
        options.integrations.github.byHost(host)?.config.apiBaseUrl ??
        'https://api.github.com',
      componentRef: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
    });
  }
  return repositories;
}
