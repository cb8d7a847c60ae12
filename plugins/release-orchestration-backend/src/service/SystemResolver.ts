import { NotFoundError } from '@backstage/errors';
import { Entity } from '@backstage/catalog-model';
import { Stores } from '../database/types';
import { CatalogGateway, PolicyEntityCatalog } from './CatalogGateway';

/**
 * Which System a stored thing belongs to, so that a route can authorize the action on that
 * System before doing it. Unknown ids are a 404 naming the id.
 */
export class SystemResolver {
  constructor(
    private readonly stores: Pick<
      Stores,
      'releases' | 'promotions' | 'deployments' | 'incidents' | 'builds'
    >,
    private readonly catalog: Pick<CatalogGateway, 'getComponentSystem'> &
      Partial<PolicyEntityCatalog>,
  ) {}

  /**
   * The catalog entities of the Systems (or lone Components), read with the plugin's own
   * credentials through its bounded cache, for applying a policy's conditions here; undefined
   * when the catalog gateway cannot read them (the permission backend then applies them).
   */
  policyEntities(
    refs: string[],
  ): Promise<Array<Entity | undefined>> | undefined {
    return this.catalog.getPolicyEntities?.(refs);
  }

  async ofRelease(id: string): Promise<string> {
    const release = await this.stores.releases.get(id);
    if (!release) {
      throw new NotFoundError(`No release with id ${id}`);
    }
    return release.systemRef;
  }

  async ofPromotion(id: string): Promise<string> {
    const promotion = await this.stores.promotions.get(id);
    if (!promotion) {
      throw new NotFoundError(`No promotion with id ${id}`);
    }
    return promotion.systemRef;
  }

  async ofDeployment(id: string): Promise<string> {
    const deployment = await this.stores.deployments.get(id);
    if (!deployment) {
      throw new NotFoundError(`No deployment with id ${id}`);
    }
    return deployment.systemRef;
  }

  async ofIncident(id: string): Promise<string> {
    const incident = await this.stores.incidents.get(id);
    if (!incident) {
      throw new NotFoundError(`No incident with id ${id}`);
    }
    return incident.systemRef;
  }

  async ofBuild(id: string): Promise<string> {
    const build = await this.stores.builds.get(id);
    if (!build) {
      throw new NotFoundError(`No build with id ${id}`);
    }
    return this.ofComponent(build.componentRef);
  }

  /**
   * The System a component is part of in the catalog; a component that is in no System (or not
   * in the catalog) is its own resource, so a policy can still decide on it.
   */
  async ofComponent(componentRef: string): Promise<string> {
    const found = await this.catalog.getComponentSystem(componentRef);
    return found?.systemRef ?? componentRef;
  }
}
