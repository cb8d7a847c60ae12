export interface Config {
  /** Configuration of the Release Orchestration plugins. */
  releaseOrchestration?: {
    /**
     * Names the portal shows for service principals (CI and CD pipelines) instead of their
     * refs, e.g. `CI pipeline` for `service:external:ci-pipeline`. People show their catalog
     * User's display name.
     * @visibility frontend
     */
    servicePrincipals?: Array<{
      /**
       * The actor as the API records it, e.g. `service:external:ci-pipeline`.
       * @visibility frontend
       */
      actor: string;
      /**
       * What the portal shows, e.g. `CI pipeline`.
       * @visibility frontend
       */
      displayName: string;
    }>;
  };
}
