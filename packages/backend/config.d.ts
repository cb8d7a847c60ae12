export interface Config {
  /**
   * The demo portal's data (packages/backend/src/demoData, docs/demo-users.md "Demo data").
   * Not part of the published plugin: an adopter's backend has none of this.
   */
  releaseOrchestrationDemo?: {
    /**
     * Seed 90 days of delivery history (builds, releases, evidence, promotions, deployments,
     * incidents) for the catalog's Systems, once, at start-up. Local demo only. Replaces the
     * plugin's deprecated `releaseOrchestration.demoData`, which still turns it on when this is
     * not set.
     */
    seedHistory?: boolean;
    /**
     * Add the generated organisation to the catalog: three departments of three teams beside
     * examples/org.yaml's engineering, their members, and 36 Systems with elite to low delivery
     * profiles.
     */
    generatedOrg?: boolean;
    /** Seed of the generated organisation and its profiles (default 1). */
    seed?: number;
  };
  /**
   * Who may do what in Release Orchestration, read by the backend's permission
   * policy module. Permissions of other plugins (catalog and so on) are always
   * allowed by this policy.
   */
  releaseOrchestrationAccess?: {
    /**
     * A Release Orchestration permission is allowed when any grant lists both
     * the permission and one of the caller's identities; otherwise it is
     * denied. Leave `grants` out to get the defaults (signed-in users may read
     * and cut releases; services may read, report builds and cut releases).
     * An empty list denies every Release Orchestration permission.
     */
    grants?: Array<{
      /**
       * Permission names (`release-orchestration.release.create`), or a
       * prefix ending in `.*` (`release-orchestration.*`,
       * `release-orchestration.promotion.*`).
       */
      permissions: string[];
      /**
       * Entity refs matched against the signed-in user's ownership refs
       * (`group:default/release-managers`, `user:default/alice`), `user` for
       * any signed-in user, or `service` for any service principal (CI tokens,
       * other backends).
       */
      members: string[];
      /**
       * `all` (default): on every System. `owner`: only on Systems owned by
       * one of the caller's ownership refs (a conditional decision, so list
       * endpoints are filtered too).
       */
      scope?: 'all' | 'owner';
    }>;
  };
}
