import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { commitAuthorKey, USER_LOGIN_ANNOTATIONS } from './commitAuthors';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/** The owner of each component (`spec.owner` as a full, lower-case entity ref), undefined when unknown. */
export async function readComponentOwners(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  componentRefs: string[],
): Promise<Map<string, string | undefined>> {
  const owners = new Map<string, string | undefined>();
  if (componentRefs.length === 0) {
    return owners;
  }
  const { items } = await catalog.getEntitiesByRefs(
    {
      entityRefs: componentRefs,
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'spec.owner'],
    },
    { credentials },
  );
  componentRefs.forEach((ref, index) => {
    owners.set(ref, ownerOf(items[index]));
  });
  return owners;
}

function ownerOf(entity: Entity | undefined): string | undefined {
  const owner = entity?.spec?.owner;
  if (typeof owner !== 'string' || !owner.trim()) {
    return undefined;
  }
  try {
    return lower(
      stringifyEntityRef(
        parseEntityRef(owner, {
          defaultKind: 'group',
          defaultNamespace: entity?.metadata.namespace ?? 'default',
        }),
      ),
    );
  } catch {
    return undefined;
  }
}

/**
 * The catalog users who are the commit authors: matched by `spec.profile.email`, or by a
 * `github.com/user-login` / `gitlab.com/user-login` annotation. Lower-case user refs, sorted.
 */
export async function readCommitAuthorUsers(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  authors: string[],
): Promise<string[]> {
  const emails = new Set<string>();
  const logins = new Set<string>();
  for (const author of authors) {
    const key = commitAuthorKey(author);
    if (key.email) emails.add(key.email);
    if (key.login) logins.add(key.login);
  }
  const filter = [
    ...[...emails].map(email => ({
      kind: 'user',
      'spec.profile.email': email,
    })),
    ...[...logins].flatMap(login =>
      USER_LOGIN_ANNOTATIONS.map(annotation => ({
        kind: 'user',
        [`metadata.annotations.${annotation}`]: login,
      })),
    ),
  ];
  if (filter.length === 0) {
    return [];
  }
  const users = new Set<string>();
  // The catalog ORs the filters; a few hundred authors at most per release.
  for (let i = 0; i < filter.length; i += 100) {
    const { items } = await catalog.getEntities(
      {
        filter: filter.slice(i, i + 100),
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
          'spec.profile.email',
        ],
      },
      { credentials },
    );
    for (const user of items) {
      users.add(lower(stringifyEntityRef(user)));
    }
  }
  return [...users].sort();
}
