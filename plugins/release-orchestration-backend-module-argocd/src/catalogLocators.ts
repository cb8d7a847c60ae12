import { AuthService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * The catalog annotations by which the community Argo CD plugins (Roadie's, Red Hat's) find a
 * Component's Argo CD applications; this module reads the same ones.
 * @public
 */
export const ARGOCD_ENTITY_ANNOTATIONS = {
  /** The name of the Component's application. */
  appName: 'argocd/app-name',
  /** A label selector (`key=value[,key2=value2]`) matching the Component's applications. */
  appSelector: 'argocd/app-selector',
  /** The namespace of the application (Argo CD's apps in any namespace). */
  appNamespace: 'argocd/app-namespace',
  /** The Argo CD instance (by `name`) the applications live on. */
  instanceName: 'argocd/instance-name',
} as const;

/** One requirement of a Kubernetes equality-based label selector. */
export type LabelRequirement =
  | { key: string; op: '='; value: string }
  | { key: string; op: '!='; value: string }
  | { key: string; op: 'exists' }
  | { key: string; op: '!exists' };

/**
 * A Component whose Argo CD applications are named in the catalog.
 */
export interface ArgoCdCatalogLocator {
  componentRef: string;
  appName?: string;
  selector?: LabelRequirement[];
  appNamespace?: string;
  instanceName?: string;
}

const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/**
 * Parses an equality-based label selector as `kubectl -l` takes it: `a=b`, `a==b`, `a!=b`, `a`
 * (exists), `!a`, comma-separated. Undefined when it is not one.
 */
export function parseLabelSelector(
  text: string,
): LabelRequirement[] | undefined {
  const parts = text.split(',').map(p => p.trim());
  if (parts.length === 0 || parts.some(p => p === '')) {
    return undefined;
  }
  const requirements: LabelRequirement[] = [];
  for (const part of parts) {
    const m = /^(!?)([^=!\s]+)\s*(?:(==|=|!=)\s*([^=!\s]*))?$/.exec(part);
    if (!m || !LABEL_KEY.test(m[2]) || (m[1] && m[3])) {
      return undefined;
    }
    const [, not, key, op, value] = m;
    if (!op) {
      requirements.push({ key, op: not ? '!exists' : 'exists' });
    } else {
      requirements.push(
        op === '!=' ? { key, op: '!=', value } : { key, op: '=', value },
      );
    }
  }
  return requirements;
}

/** Whether labels satisfy every requirement. */
export function matchesLabelSelector(
  requirements: LabelRequirement[],
  labels: Record<string, string> = {},
): boolean {
  return requirements.every(r => {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    switch (r.op) {
      case '=':
        return has && labels[r.key] === r.value;
      case '!=':
        return !has || labels[r.key] !== r.value;
      case 'exists':
        return has;
      default:
        return !has;
    }
  });
}

/** The locators of catalog entities (Components) that carry `argocd/app-name` or `argocd/app-selector`. */
export function locatorsFromEntities(entities: Entity[]): {
  locators: ArgoCdCatalogLocator[];
  problems: string[];
} {
  const locators: ArgoCdCatalogLocator[] = [];
  const problems: string[] = [];
  for (const entity of entities) {
    if (entity.kind.toLocaleLowerCase('en-US') !== 'component') {
      continue;
    }
    const annotations = entity.metadata.annotations ?? {};
    const componentRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
    const appName =
      annotations[ARGOCD_ENTITY_ANNOTATIONS.appName]?.trim() || undefined;
    const selectorText =
      annotations[ARGOCD_ENTITY_ANNOTATIONS.appSelector]?.trim() || undefined;
    const selector = selectorText
      ? parseLabelSelector(selectorText)
      : undefined;
    if (selectorText && !selector) {
      problems.push(
        `${componentRef}: ${ARGOCD_ENTITY_ANNOTATIONS.appSelector} '${selectorText}' is not a label selector like app=payments`,
      );
    }
    if (!appName && !selector) {
      continue;
    }
    locators.push({
      componentRef,
      ...(appName ? { appName } : {}),
      ...(selector ? { selector } : {}),
      ...(annotations[ARGOCD_ENTITY_ANNOTATIONS.appNamespace]
        ? {
            appNamespace:
              annotations[ARGOCD_ENTITY_ANNOTATIONS.appNamespace].trim(),
          }
        : {}),
      ...(annotations[ARGOCD_ENTITY_ANNOTATIONS.instanceName]
        ? {
            instanceName:
              annotations[ARGOCD_ENTITY_ANNOTATIONS.instanceName].trim(),
          }
        : {}),
    });
  }
  return { locators, problems };
}

/** Reads the Components that name their Argo CD applications, with the plugin's own credentials. */
export function catalogLocatorReader(
  catalog: CatalogService,
  auth: AuthService,
) {
  return async (): Promise<{
    locators: ArgoCdCatalogLocator[];
    problems: string[];
  }> => {
    const credentials = await auth.getOwnServiceCredentials();
    const { items } = await catalog.getEntities(
      {
        filter: [
          {
            kind: 'component',
            [`metadata.annotations.${ARGOCD_ENTITY_ANNOTATIONS.appName}`]:
              CATALOG_FILTER_EXISTS,
          },
          {
            kind: 'component',
            [`metadata.annotations.${ARGOCD_ENTITY_ANNOTATIONS.appSelector}`]:
              CATALOG_FILTER_EXISTS,
          },
        ],
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
        ],
      },
      { credentials },
    );
    return locatorsFromEntities(items);
  };
}
