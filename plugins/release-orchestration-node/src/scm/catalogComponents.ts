import { AuthService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * A catalog Component that names a repository with an annotation.
 *
 * @public
 */
export interface AnnotatedComponent {
  /** Full ref, lower case. */
  componentRef: string;
  /** The annotation's value, trimmed. */
  value: string;
  annotations: Record<string, string>;
}

/**
 * The catalog's Components that carry `annotation` with a value matching `pattern`, read with
 * the plugin's own credentials (one query, only the fields a source needs).
 *
 * @public
 */
export async function readAnnotatedComponents(options: {
  catalog: CatalogService;
  auth: AuthService;
  annotation: string;
  pattern: RegExp;
}): Promise<AnnotatedComponent[]> {
  const credentials = await options.auth.getOwnServiceCredentials();
  const { items } = await options.catalog.getEntities(
    {
      filter: {
        kind: 'component',
        [`metadata.annotations.${options.annotation}`]: CATALOG_FILTER_EXISTS,
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
  const found: AnnotatedComponent[] = [];
  for (const entity of items as Entity[]) {
    const annotations = entity.metadata.annotations ?? {};
    const value = annotations[options.annotation]?.trim();
    if (!value || !options.pattern.test(value)) {
      continue;
    }
    found.push({
      componentRef: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
      value,
      annotations,
    });
  }
  return found;
}

/**
 * The host of a component's source location (`backstage.io/source-location`) when `known` says
 * an integration has it, else undefined.
 *
 * @public
 */
export function sourceLocationHost(
  annotations: Record<string, string>,
  known: (host: string) => boolean,
): string | undefined {
  const location = (annotations['backstage.io/source-location'] ?? '').replace(
    /^url:/,
    '',
  );
  try {
    const host = new URL(location).host;
    return known(host) ? host : undefined;
  } catch {
    return undefined;
  }
}
