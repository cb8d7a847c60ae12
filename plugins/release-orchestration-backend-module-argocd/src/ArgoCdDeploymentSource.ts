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

/**
 * A deployment source over one or more Argo CD servers: every tracked application's current
 * sync (or last deployment) becomes an observed deployment. A server that cannot be read is
 * logged and skipped, so the others still report.
 *
 * @public
 */
export class ArgoCdDeploymentSource implements DeploymentSource {
  readonly id = 'argocd';

  constructor(
    private readonly instances: ArgoCdInstance[],
    private readonly logger: LoggerService,
    readonly schedule?: SchedulerServiceTaskScheduleDefinition,
    private readonly client: ArgoCdClient = new ArgoCdClient(),
  ) {}

  async readDeployments(options: { signal?: AbortSignal } = {}): Promise<ObservedDeployment[]> {
    const deployments: ObservedDeployment[] = [];
    for (const instance of this.instances) {
      let applications;
      try {
        applications = await this.client.listApplications(instance, options.signal);
      } catch (error) {
        this.logger.error(`Could not read applications from Argo CD ${instance.name}: ${error}`);
        continue;
      }
      for (const application of applications) {
        const mapped = mapApplication(instance, application);
        if ('deployment' in mapped) {
          deployments.push(mapped.deployment);
        } else if ('skipped' in mapped) {
          this.logger.warn(`Argo CD ${instance.name}: skipped ${mapped.skipped}`);
        }
      }
    }
    return deployments;
  }
}
