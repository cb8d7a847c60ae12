import { PolicyCatalog } from '../service/CatalogGateway';

/** A {@link PolicyCatalog} with fixed group members and System annotations. */
export class FakePolicyCatalog implements PolicyCatalog {
  constructor(
    private readonly members: Record<string, string[]> = {},
    private readonly annotations: Record<string, Record<string, string>> = {},
  ) {}

  async getSystemAnnotations(systemRef: string) {
    return this.annotations[systemRef] ?? {};
  }

  async getGroupMembers(groupRefs: string[]) {
    return [...new Set(groupRefs.flatMap(g => this.members[g] ?? []))].sort();
  }
}
