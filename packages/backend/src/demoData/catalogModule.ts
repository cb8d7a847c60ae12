import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  demoOrgEntities,
  generateDemoOrg,
} from '@release-orchestration/demo-data';
import { readDemoDataConfig } from './readDemoDataConfig';

const LOCATION = 'demo-org:release-orchestration';

/**
 * Provides the generated demo organisation to the catalog: three departments of three teams,
 * their members, 36 Systems and their Components (`demoOrgEntities` of
 * @release-orchestration/demo-data), as one full mutation when the catalog connects.
 */
export class DemoOrgEntityProvider implements EntityProvider {
  constructor(private readonly seed: number) {}

  getProviderName() {
    return 'release-orchestration-demo-org';
  }

  /** The entities, with the location annotations the catalog wants of provided entities. */
  entities(): Entity[] {
    return demoOrgEntities(generateDemoOrg(this.seed)).map(entity => ({
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: {
          ...entity.metadata.annotations,
          [ANNOTATION_LOCATION]: LOCATION,
          [ANNOTATION_ORIGIN_LOCATION]: LOCATION,
        },
      },
    }));
  }

  async connect(connection: EntityProviderConnection) {
    await connection.applyMutation({
      type: 'full',
      entities: this.entities().map(entity => ({
        entity,
        locationKey: LOCATION,
      })),
    });
  }
}

/**
 * Demo portal only: adds the generated organisation to the catalog when
 * `releaseOrchestrationDemo.generatedOrg` is true.
 */
export const catalogModuleDemoOrg = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'release-orchestration-demo-org',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        catalog: catalogProcessingExtensionPoint,
      },
      async init({ config, catalog }) {
        const settings = readDemoDataConfig(config);
        if (settings.generatedOrg) {
          catalog.addEntityProvider(new DemoOrgEntityProvider(settings.seed));
        }
      },
    });
  },
});
