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
  /** A bearer token; or `username` and `password`, exchanged for a session token. */
  token?: string;
  username?: string;
  password?: string;
  selector?: string;
  projects: string[];
  applications: ArgoCdApplicationMapping[];
}

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** A component ref from config, annotations or labels; short names are `component:default/<name>`. */
export function toComponentRef(value: string): string | undefined {
  try {
    const ref = parseEntityRef(value.trim(), {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
    return ref.kind.toLocaleLowerCase('en-US') === 'component'
      ? stringifyEntityRef(ref).toLocaleLowerCase('en-US')
      : undefined;
  } catch {
    return undefined;
  }
}

const COMMUNITY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/**
 * Reads the Argo CD servers of the community Argo CD plugins' config,
 * `argocd.appLocatorMethods[].instances` of `type: config` (`name`, `url`, and `token` or
 * `username` / `password`), so one config serves both.
 */
export function readCommunityArgoCdInstances(config: Config): ArgoCdInstance[] {
  const key = 'argocd.appLocatorMethods';
  const instances: ArgoCdInstance[] = [];
  (config.getOptionalConfigArray(key) ?? []).forEach((method, m) => {
    if (method.getString('type') !== 'config') {
      return;
    }
    (method.getOptionalConfigArray('instances') ?? []).forEach(
      (entry, index) => {
        const at = `${key}[${m}].instances[${index}]`;
        const name = entry.getString('name');
        if (!COMMUNITY_NAME.test(name)) {
          throw new Error(
            `${at}.name: '${name}' must be letters, digits, dots, underscores and dashes`,
          );
        }
        const baseUrl = entry.getString('url').replace(/\/+$/, '');
        if (!/^https?:\/\/[^/]+/.test(baseUrl)) {
          throw new Error(`${at}.url: '${baseUrl}' must be an http(s) URL`);
        }
        const token = entry.getOptionalString('token');
        const username = entry.getOptionalString('username');
        const password = entry.getOptionalString('password');
        if (!token && !(username && password)) {
          throw new Error(`${at}: needs a token, or a username and a password`);
        }
        instances.push({
          name,
          baseUrl,
          ...(token ? { token } : { username, password }),
          projects: [],
          applications: [],
        });
      },
    );
  });
  return instances;
}

/**
 * The servers to read: `releaseOrchestration.argocd.instances`, then those of
 * `argocd.appLocatorMethods` not already named there. A mistake stops the backend at start-up
 * with the config key named; no instances means the module has nothing to read.
 */
export function readArgoCdInstances(config: Config): ArgoCdInstance[] {
  const own = readArgoCdConfig(config);
  const names = new Set(own.map(i => i.name));
  return [
    ...own,
    ...readCommunityArgoCdInstances(config).filter(i => !names.has(i.name)),
  ];
}

/**
 * Reads `releaseOrchestration.argocd.instances`. A mistake stops the backend at start-up with the
 * config key named.
 */
export function readArgoCdConfig(config: Config): ArgoCdInstance[] {
  const key = 'releaseOrchestration.argocd.instances';
  const seen = new Set<string>();
  return (config.getOptionalConfigArray(key) ?? []).map((entry, index) => {
    const at = `${key}[${index}]`;
    const name = entry.getString('name');
    if (!NAME.test(name) || seen.has(name)) {
      throw new Error(
        `${at}.name: '${name}' must be unique, lower-case letters, digits and dashes`,
      );
    }
    seen.add(name);
    const baseUrl = entry.getString('baseUrl').replace(/\/+$/, '');
    if (!/^https?:\/\/[^/]+/.test(baseUrl)) {
      throw new Error(`${at}.baseUrl: '${baseUrl}' must be an http(s) URL`);
    }
    const applications = (
      entry.getOptionalConfigArray('applications') ?? []
    ).map((app, i) => {
      const appAt = `${at}.applications[${i}]`;
      const component = toComponentRef(app.getString('component'));
      if (!component) {
        throw new Error(
          `${appAt}.component: must be a component ref like component:default/payments-api`,
        );
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
