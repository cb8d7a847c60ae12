import {
  LoggerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  DeploymentSource,
  ObservedDeployment,
} from '@release-orchestration/plugin-release-orchestration-node';
import { ArgoCdClient } from './ArgoCdClient';
import { mapApplication } from './mapApplication';
import { ArgoCdInstance } from './readArgoCdConfig';
import { ArgoCdCatalogLocator } from './catalogLocators';

/**
 * Where applications are found beyond their own annotations: the catalog Components that name
 * them, and the configured lanes.
 */
export interface ArgoCdDeploymentSourceOptions {
  /** Reads the Components with `argocd/app-name` / `argocd/app-selector`. */
  readLocators?: () => Promise<{
    locators: ArgoCdCatalogLocator[];
    problems: string[];
  }>;
  /** The names of `releaseOrchestration.environments`. */
  environments?: string[];
}

/**
 * A deployment source over one or more Argo CD servers: every tracked application's current
 * sync (or last deployment) becomes an observed deployment. A server that cannot be read is
 * logged and skipped, so the others still report.
 */
export class ArgoCdDeploymentSource implements DeploymentSource {
  readonly id = 'argocd';

  constructor(
    private readonly instances: ArgoCdInstance[],
    private readonly logger: LoggerService,
    readonly schedule?: SchedulerServiceTaskScheduleDefinition,
    private readonly client: ArgoCdClient = new ArgoCdClient(),
    private readonly options: ArgoCdDeploymentSourceOptions = {},
  ) {}

  /** The catalog's locators; when the catalog cannot be read, none (the applications' own keys still work). */
  private async locators(): Promise<ArgoCdCatalogLocator[]> {
    if (!this.options.readLocators) {
      return [];
    }
    try {
      const { locators, problems } = await this.options.readLocators();
      for (const problem of problems) {
        this.logger.warn(`Argo CD: ${problem}`);
      }
      return locators;
    } catch (error) {
      this.logger.error(
        `Could not read the Components that name Argo CD applications from the catalog: ${error}`,
      );
      return [];
    }
  }

  async readDeployments(
    options: { signal?: AbortSignal } = {},
  ): Promise<ObservedDeployment[]> {
    const deployments: ObservedDeployment[] = [];
    const context = {
      locators: await this.locators(),
      environments: this.options.environments ?? [],
    };
    for (const instance of this.instances) {
      let applications;
      try {
        applications = await this.client.listApplications(
          instance,
          options.signal,
        );
      } catch (error) {
        this.logger.error(
          `Could not read applications from Argo CD ${instance.name}: ${error}`,
        );
        continue;
      }
      for (const application of applications) {
        const mapped = mapApplication(instance, application, context);
        if ('deployment' in mapped) {
          deployments.push(mapped.deployment);
        } else if ('skipped' in mapped) {
          this.logger.warn(
            `Argo CD ${instance.name}: skipped ${mapped.skipped}`,
          );
        }
      }
    }
    return deployments;
  }
}
