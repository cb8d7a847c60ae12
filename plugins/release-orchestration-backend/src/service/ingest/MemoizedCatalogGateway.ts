import { CatalogGateway } from '../CatalogGateway';

/**
 * A {@link CatalogGateway} that asks the catalog once per entity: for one import request or
 * source run, where thousands of records name the same few components and Systems. Failed
 * look-ups are not kept. Bounded by its lifetime: one is made per import request or source run
 * and dropped with it, so it holds at most one entry per entity that request or run names; the
 * plugin's long-lived catalog caches are the bounded TTL caches of DefaultCatalogGateway.
 */
export class MemoizedCatalogGateway implements CatalogGateway {
  private readonly cache = new Map<string, Promise<unknown>>();

  constructor(private readonly catalog: CatalogGateway) {}

  private memo<T>(key: string, load: () => Promise<T>): Promise<T> {
    let value = this.cache.get(key) as Promise<T> | undefined;
    if (!value) {
      value = load();
      this.cache.set(key, value);
      value.catch(() => this.cache.delete(key));
    }
    return value;
  }

  getSystemComponents(systemRef: string) {
    return this.memo(`components:${systemRef}`, () =>
      this.catalog.getSystemComponents(systemRef),
    );
  }

  listSystems() {
    return this.memo('systems', () => this.catalog.listSystems());
  }

  getComponentSystem(componentRef: string) {
    return this.memo(`system:${componentRef}`, () =>
      this.catalog.getComponentSystem(componentRef),
    );
  }

  getOwnedSystems(entityRef: string) {
    return this.memo(`owned:${entityRef}`, () =>
      this.catalog.getOwnedSystems(entityRef),
    );
  }
}
