import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /**
   * The community Argo CD plugins' config, read as well: servers of `type: config` locators are
   * added to those of `releaseOrchestration.argocd.instances` (an instance named there wins).
   */
  argocd?: {
    appLocatorMethods?: Array<{
      type: string;
      instances?: Array<{
        /** The name `argocd/instance-name` refers to; part of every idempotency key. */
        name: string;
        /** Base URL of the Argo CD server. */
        url: string;
        /**
         * A bearer token of an account allowed to get applications.
         * @visibility secret
         */
        token?: string;
        /** With `password`, exchanged for a session token (`POST /api/v1/session`) on every read. */
        username?: string;
        /** @visibility secret */
        password?: string;
      }>;
    }>;
  };
  releaseOrchestration?: {
    /** The Argo CD deployment source (module `argocd`). */
    argocd?: {
      /** How often to read the applications; defaults to every 2 minutes. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Argo CD servers to read. */
      instances: Array<{
        /** Short name, part of every idempotency key; lower-case letters, digits and dashes. */
        name: string;
        /** Base URL of the Argo CD server, e.g. https://argocd.acme.example */
        baseUrl: string;
        /**
         * A bearer token of an Argo CD account allowed to get applications.
         * @visibility secret
         */
        token: string;
        /** Kubernetes label selector passed to the API, e.g. `release-orchestration.io/component`. */
        selector?: string;
        /** Argo CD projects to read; all by default. */
        projects?: string[];
        /** Applications mapped here instead of by annotations or labels on the application. */
        applications?: Array<{
          /** The application's name. */
          name: string;
          /** The application's namespace, when applications live in several namespaces. */
          namespace?: string;
          /** Full ref of the Component it deploys. */
          component: string;
          /** The environment lane it deploys to. */
          environment: string;
          /** Repository of the image whose tag is the version, when the application runs several images. */
          image?: string;
          /** Where the version comes from: the image tag (default) or the synced revision (e.g. a Helm chart version). */
          versionFrom?: 'image' | 'revision';
        }>;
      }>;
    };
  };
}
