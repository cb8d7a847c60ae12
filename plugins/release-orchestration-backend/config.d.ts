export interface Config {
  /** Configuration of the Release Orchestration plugins. */
  releaseOrchestration?: {
    /**
     * The ordered environment lanes; promotion goes from the first to the last.
     * Defaults to dev, staging, production.
     * @visibility frontend
     */
    environments?: Array<{
      /**
       * Lane name: lower-case letters, digits and dashes.
       * @visibility frontend
       */
      name: string;
      /**
       * Display name.
       * @visibility frontend
       */
      title?: string;
      /** Catalog Group refs whose members may approve promotions into this lane. */
      approvers?: string[];
      /** Approvals needed; defaults to 1 when approvers are set, else 0. */
      minApprovals?: number;
      /** Neither the requester nor the release's author may approve. */
      separationOfDuties?: boolean;
      /** Evidence types that must have passed before promotion into this lane. */
      requiredEvidence?: string[];
      /** Only a release that succeeded in the previous lane may enter; default true after the first lane. */
      requirePreviousEnvironment?: boolean;
      /**
       * Overrides of this lane's policy for rollbacks (`POST /systems/{ns}/{name}/rollback`), e.g.
       * fewer approvals or no required evidence. `requirePreviousEnvironment` defaults to false here.
       */
      rollback?: {
        approvers?: string[];
        minApprovals?: number;
        separationOfDuties?: boolean;
        requiredEvidence?: string[];
        requirePreviousEnvironment?: boolean;
      };
    }>;
    /**
     * Named policies: per-environment overrides of the lanes' policies. A System selects one with
     * the annotation `release-orchestration.io/policy: <name>`.
     */
    policies?: {
      [name: string]: {
        /** What the policy is for. */
        description?: string;
        /** Overrides by environment name; lanes not listed keep their policy. */
        environments?: {
          [environment: string]: {
            approvers?: string[];
            minApprovals?: number;
            separationOfDuties?: boolean;
            requiredEvidence?: string[];
            requirePreviousEnvironment?: boolean;
            /** Further overrides for rollbacks into the lane. */
            rollback?: {
              approvers?: string[];
              minApprovals?: number;
              separationOfDuties?: boolean;
              requiredEvidence?: string[];
              requirePreviousEnvironment?: boolean;
            };
          };
        };
      };
    };
    /** How the DORA metrics are computed. */
    dora?: {
      /**
       * The environment lane whose deployments and incidents count for DORA; defaults to the last lane.
       * @visibility frontend
       */
      productionEnvironment?: string;
    };
    /** Seed demo history (builds, releases) for the catalog's Systems once, at start-up. Local demo only. */
    demoData?: boolean;
  };
}
