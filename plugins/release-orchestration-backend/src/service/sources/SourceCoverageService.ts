import { NotFoundError } from '@backstage/errors';
import { SystemSources } from '@release-orchestration/plugin-release-orchestration-common';
import { Stores } from '../../database/types';
import { CatalogGateway } from '../CatalogGateway';

/** Which sources report for a System, and how complete its production data is. */
export class SourceCoverageService {
  constructor(
    private readonly stores: Pick<Stores, 'sources' | 'doraDeferred'>,
    private readonly catalog: Pick<CatalogGateway, 'getSystemComponents'>,
    private readonly productionEnvironment: string,
  ) {}

  async forSystem(systemRef: string): Promise<SystemSources> {
    const components = await this.catalog.getSystemComponents(systemRef);
    if (!components) {
      throw new NotFoundError(`system: ${systemRef} is not in the catalog`);
    }
    const [activity, coverage, runs, backlog] = await Promise.all([
      this.stores.sources.activity(
        systemRef,
        components.map(c => c.componentRef),
      ),
      this.stores.sources.coverage(systemRef, this.productionEnvironment),
      this.stores.sources.listRuns(),
      this.stores.doraDeferred.backlog(systemRef),
    ]);
    return {
      system: systemRef,
      productionEnvironment: this.productionEnvironment,
      activity,
      coverage,
      // Whole sources (with their backfill progress), and the scopes (repositories) whose
      // last run failed; the others are summed up in their source's row.
      runs: runs.filter(run => run.scope === '' || run.lastError),
      ...(backlog.deployments > 0
        ? {
            doraBacklog: {
              deployments: backlog.deployments,
              oldestDeployedAt: backlog.oldestDeployedAt!,
            },
          }
        : {}),
    };
  }
}
