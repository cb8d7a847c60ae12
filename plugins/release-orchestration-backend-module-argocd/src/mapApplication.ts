import { ObservedDeployment } from '@release-orchestration/plugin-release-orchestration-node';
import { ArgoCdApplication } from './argoCdTypes';
import {
  ArgoCdApplicationMapping,
  ArgoCdInstance,
  toComponentRef,
} from './readArgoCdConfig';
import { ArgoCdCatalogLocator, matchesLabelSelector } from './catalogLocators';

/**
 * What the catalog and config say beyond the application itself: the Components that name
 * their applications (`argocd/app-name`, `argocd/app-selector`) and the configured lanes.
 */
export interface ApplicationMappingContext {
  locators?: ArgoCdCatalogLocator[];
  /** The names of `releaseOrchestration.environments`, to find a catalog-located application's lane. */
  environments?: string[];
}

/**
 * Annotation (or label) keys an Argo CD application can carry to say what it deploys.
 * @public
 */
export const ARGOCD_KEYS = {
  component: 'release-orchestration.io/component',
  environment: 'release-orchestration.io/environment',
  image: 'release-orchestration.io/image',
  versionFrom: 'release-orchestration.io/version-from',
} as const;

/**
 * What an application maps to: an observation, a reason it cannot be one, or not tracked at all.
 */
export type MappedApplication =
  | { deployment: ObservedDeployment }
  | { skipped: string }
  | { untracked: true };

/**
 * The repository and tag of an image reference such as `registry/app:1.2.3@sha256:…`.
 */
export function parseImage(image: string): {
  repository: string;
  tag?: string;
} {
  const withoutDigest = image.split('@')[0];
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  return colon > slash
    ? {
        repository: withoutDigest.slice(0, colon),
        tag: withoutDigest.slice(colon + 1),
      }
    : { repository: withoutDigest };
}

/** The lane an application deploys to: its `release-orchestration.io/environment`, else a lane named by its destination namespace or its name (`payments-production`). */
function laneOf(
  app: ArgoCdApplication,
  environments: string[],
): string | undefined {
  for (const source of [app.metadata.annotations, app.metadata.labels]) {
    const named = source?.[ARGOCD_KEYS.environment];
    if (named) {
      return named;
    }
  }
  const lanes = [...environments].sort((a, b) => b.length - a.length);
  for (const candidate of [
    app.spec?.destination?.namespace,
    app.metadata.name,
  ]) {
    if (!candidate) {
      continue;
    }
    const lane = lanes.find(
      l =>
        candidate === l ||
        candidate.endsWith(`-${l}`) ||
        candidate.startsWith(`${l}-`),
    );
    if (lane) {
      return lane;
    }
  }
  return undefined;
}

/** The catalog Components that name this application (by `argocd/app-name` or `argocd/app-selector`). */
function catalogMatches(
  instance: ArgoCdInstance,
  app: ArgoCdApplication,
  locators: ArgoCdCatalogLocator[],
) {
  const matches = locators.filter(
    l =>
      (!l.instanceName || l.instanceName === instance.name) &&
      (!l.appNamespace || l.appNamespace === app.metadata.namespace) &&
      ((l.appName !== undefined && l.appName === app.metadata.name) ||
        (l.selector !== undefined &&
          matchesLabelSelector(l.selector, app.metadata.labels))),
  );
  return [...new Set(matches.map(m => m.componentRef))];
}

/**
 * The mapping from the catalog (`argocd/app-name`, `argocd/app-selector` on a Component), else
 * the application's annotations, its labels, or the instance config.
 */
function mappingOf(
  instance: ArgoCdInstance,
  app: ArgoCdApplication,
  context: ApplicationMappingContext,
) {
  const components = catalogMatches(instance, app, context.locators ?? []);
  if (components.length > 1) {
    return { ambiguous: components };
  }
  if (components.length === 1) {
    const source = { ...app.metadata.labels, ...app.metadata.annotations };
    return {
      component: components[0],
      componentValue: components[0],
      environment: laneOf(app, context.environments ?? []),
      image: source[ARGOCD_KEYS.image],
      versionFrom:
        source[ARGOCD_KEYS.versionFrom] === 'revision'
          ? ('revision' as const)
          : ('image' as const),
    };
  }
  for (const source of [app.metadata.annotations, app.metadata.labels]) {
    const component = source?.[ARGOCD_KEYS.component];
    const environment = source?.[ARGOCD_KEYS.environment];
    if (component && environment) {
      return {
        component: toComponentRef(component),
        componentValue: component,
        environment,
        image: source?.[ARGOCD_KEYS.image],
        versionFrom:
          source?.[ARGOCD_KEYS.versionFrom] === 'revision'
            ? 'revision'
            : 'image',
      };
    }
  }
  const configured = instance.applications.find(
    (m: ArgoCdApplicationMapping) =>
      m.name === app.metadata.name &&
      (!m.namespace || m.namespace === app.metadata.namespace),
  );
  return configured && { ...configured, componentValue: configured.component };
}

/** The tag of the image that carries the component's version. */
function versionFromImages(
  images: string[],
  componentRef: string,
  image?: string,
) {
  const parsed = [...new Set(images)].map(parseImage);
  const repositories = new Set(parsed.map(p => p.repository));
  const componentName = componentRef.split('/')[1];
  const chosen = image
    ? parsed.find(p => p.repository === image)
    : (repositories.size === 1 && parsed[0]) ||
      parsed.find(p => p.repository.split('/').pop() === componentName);
  return chosen?.tag;
}

/**
 * Maps one Argo CD application to the deployment it shows: its current (or last) sync operation,
 * or, without one, its newest history entry. Running syncs are `started`; `Succeeded` is
 * `succeeded`; `Failed` and `Error` are `failed`. A sync with a source override is Argo CD's
 * rollback. The version is the tag of the component's image in the sync result (the live images
 * for a finished sync that lists none), or with `versionFrom: revision` the synced revision.
 */
export function mapApplication(
  instance: ArgoCdInstance,
  app: ArgoCdApplication,
  context: ApplicationMappingContext = {},
): MappedApplication {
  const mapping = mappingOf(instance, app, context);
  if (!mapping) {
    return { untracked: true };
  }
  const name = `${app.metadata.namespace ?? 'argocd'}/${app.metadata.name}`;
  if ('ambiguous' in mapping && mapping.ambiguous) {
    return {
      skipped: `${name}: named by several Components in the catalog (${mapping.ambiguous.join(
        ', ',
      )})`,
    };
  }
  if (!mapping.component) {
    return {
      skipped: `${name}: '${mapping.componentValue}' is not a component ref`,
    };
  }
  if (!mapping.environment) {
    return {
      skipped: `${name}: no lane found for ${mapping.component} (add the annotation ${ARGOCD_KEYS.environment}, or name the application or its destination namespace after a lane)`,
    };
  }
  const op = app.status?.operationState;
  const last = [...(app.status?.history ?? [])].sort((a, b) => b.id - a.id)[0];
  let observed: Omit<
    ObservedDeployment,
    'version' | 'component' | 'environment' | 'key'
  >;
  let images: string[];
  let revision: string | undefined;
  if (op?.startedAt && op.phase) {
    const status = {
      Running: 'started',
      Terminating: 'started',
      Succeeded: 'succeeded',
      Failed: 'failed',
      Error: 'failed',
    } as const;
    const initiator = op.operation?.initiatedBy;
    observed = {
      status: status[op.phase],
      startedAt: op.startedAt,
      ...(status[op.phase] !== 'started' && op.finishedAt
        ? { finishedAt: op.finishedAt }
        : {}),
      deployer:
        initiator?.username ??
        (initiator?.automated ? 'argocd:automated' : 'argocd'),
      rollback: Boolean(
        op.operation?.sync?.source || op.operation?.sync?.sources?.length,
      ),
    };
    images = (op.syncResult?.resources ?? []).flatMap(r => r.images ?? []);
    if (images.length === 0 && op.phase === 'Succeeded') {
      images = app.status?.summary?.images ?? [];
    }
    revision = op.syncResult?.revision ?? op.operation?.sync?.revision;
  } else if (last) {
    observed = {
      status: 'succeeded',
      startedAt: last.deployStartedAt ?? last.deployedAt,
      finishedAt: last.deployedAt,
      deployer:
        last.initiatedBy?.username ??
        (last.initiatedBy?.automated ? 'argocd:automated' : 'argocd'),
      rollback: false,
    };
    images = app.status?.summary?.images ?? [];
    revision = last.revision;
  } else {
    return { skipped: `${name}: has not been synced yet` };
  }
  const version =
    mapping.versionFrom === 'revision'
      ? revision
      : versionFromImages(images, mapping.component, mapping.image);
  if (!version) {
    return {
      skipped: `${name}: no version found (${
        mapping.versionFrom === 'revision'
          ? 'no synced revision'
          : `no tagged image${
              mapping.image ? ` of ${mapping.image}` : ''
            } among ${images.join(', ') || 'no images'}`
      })`,
    };
  }
  return {
    deployment: {
      key: `${instance.name}/${name}@${observed.startedAt}`,
      component: mapping.component,
      environment: mapping.environment,
      version,
      ...observed,
    },
  };
}
