import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { stringifyEntityRef } from '@backstage/catalog-model';

/** A component of a System, as the catalog knows it. */
export interface SystemComponent {
  componentRef: string;
  title?: string;
}

/** The catalog look-ups the plugin needs, behind one small interface so tests can fake it. */
export interface CatalogGateway {
  /** The System's components, or undefined when the System is not in the catalog. */
  getSystemComponents(systemRef: string): Promise<SystemComponent[] | undefined>;
  /** Every System in the catalog. */
  listSystems(): Promise<string[]>;
}

/** {@link CatalogGateway} over the catalog service, with the plugin's own credentials. */
export class DefaultCatalogGateway implements CatalogGateway {
  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  async getSystemComponents(systemRef: string) {
    const credentials = await this.auth.getOwnServiceCredentials();
    const system = await this.catalog.getEntityByRef(systemRef, { credentials });
    if (!system) {
      return undefined;
    }
    const { items } = await this.catalog.getEntities(
      {
        filter: { kind: 'component', 'relations.partOf': systemRef },
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title'],
      },
      { credentials },
    );
    return items
      .map(entity => ({
        componentRef: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
        ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
      }))
      .sort((a, b) => a.componentRef.localeCompare(b.componentRef));
  }

  async listSystems() {
    const credentials = await this.auth.getOwnServiceCredentials();
    const { items } = await this.catalog.getEntities(
      { filter: { kind: 'system' }, fields: ['kind', 'metadata.name', 'metadata.namespace'] },
      { credentials },
    );
    return items.map(e => stringifyEntityRef(e).toLocaleLowerCase('en-US')).sort();
  }
}
