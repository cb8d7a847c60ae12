import { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/** How an application maps to a component and lane when it carries no annotations. */
export interface ArgoCdApplicationMapping {
  name: string;
  namespace?: string;
  component: string;
  environment: string;
  image?: string;
  versionFrom: 'image' | 'revision';
}

/** One Argo CD server to read. */
export interface ArgoCdInstance {
  name: string;
  baseUrl: string;
  token: string;
  selector?: string;
  projects: string[];
  applications: ArgoCdApplicationMapping[];
}

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** A component ref from config, annotations or labels; short names are `component:default/<name>`. */
export function toComponentRef(value: string): string | undefined {
  try {
    const ref = parseEntityRef(value.trim(), { defaultKind: 'component', defaultNamespace: 'default' });
    return ref.kind.toLocaleLowerCase('en-US') === 'component'
      ? stringifyEntityRef(ref).toLocaleLowerCase('en-US')
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads `releaseOrchestration.argocd.instances`. A mistake stops the backend at start-up with the
 * config key named; no instances means the module has nothing to read.
 */
export function readArgoCdConfig(config: Config): ArgoCdInstance[] {
  const key = 'releaseOrchestration.argocd.instances';
  const seen = new Set<string>();
  return (config.getOptionalConfigArray(key) ?? []).map((entry, index) => {
    const at = `${key}[${index}]`;
    const name = entry.getString('name');
    if (!NAME.test(name) || seen.has(name)) {
      throw new Error(`${at}.name: '${name}' must be unique, lower-case letters, digits and dashes`);
    }
    seen.add(name);
    const baseUrl = entry.getString('baseUrl').replace(/\/+$/, '');
    if (!/^https?:\/\/[^/]+/.test(baseUrl)) {
      throw new Error(`${at}.baseUrl: '${baseUrl}' must be an http(s) URL`);
    }
    const applications = (entry.getOptionalConfigArray('applications') ?? []).map((app, i) => {
      const appAt = `${at}.applications[${i}]`;
      const component = toComponentRef(app.getString('component'));
      if (!component) {
        throw new Error(`${appAt}.component: must be a component ref like component:default/payments-api`);
      }
      const versionFrom = app.getOptionalString('versionFrom') ?? 'image';
      if (versionFrom !== 'image' && versionFrom !== 'revision') {
        throw new Error(`${appAt}.versionFrom: must be 'image' or 'revision'`);
      }
      return {
        name: app.getString('name'),
        namespace: app.getOptionalString('namespace'),
        component,
        environment: app.getString('environment'),
        image: app.getOptionalString('image'),
        versionFrom,
      } as ArgoCdApplicationMapping;
    });
    return {
      name,
      baseUrl,
      token: entry.getString('token'),
      selector: entry.getOptionalString('selector'),
      projects: entry.getOptionalStringArray('projects') ?? [],
      applications,
    };
  });
}
