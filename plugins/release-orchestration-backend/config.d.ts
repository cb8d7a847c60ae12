import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

/**
 * The promotion policy fields, one type wherever a policy is written: on a lane, in a lane's
 * `rollback` block, and in a named policy's lane (and its `rollback`). Fields left out keep the
 * layer below (lane, then named policy, then rollback block).
 */
interface PolicyFields {
  /** Catalog Group refs whose members may approve promotions into this lane. */
  approvers?: string[];
  /** Approvals needed; defaults to 1 when approvers are set, else 0. */
  minApprovals?: number;
  /** Neither the requester nor the release's author may approve. */
  separationOfDuties?: boolean;
  /** Evidence types that must have passed before promotion into this lane. */
  requiredEvidence?: string[];
  /** Only a release that succeeded in every lane of `after` may enter; default true when `after` is not empty. */
  requirePreviousEnvironment?: boolean;
  /** `service`: the required evidence counts only when a service principal (CI) attached it; `any` (default) lifts it. */
  evidenceFrom?: 'service' | 'any';
  /**
   * Owners of what changed approve: each owning Group (catalog `spec.owner`) of a component
   * whose version the release changes, compared with the release the lane runs, must approve
   * once. `also`: besides the approvers' `minApprovals`; `instead`: in place of the approver
   * groups (who approve only when no owning group is found); `off` (default).
   */
  ownersOfChangesApprove?: 'also' | 'instead' | 'off';
  /**
   * People who authored a commit the release brings into the lane cannot approve it (commit
   * authors matched to catalog users by e-mail or `github.com/user-login` /
   * `gitlab.com/user-login` annotation).
   */
  commitAuthorsCannotApprove?: boolean;
  /**
   * Soak time: how long a release must have run successfully in the previous lane, without an
   * open incident there, before it can be promoted into this one, e.g. `2h`, `90m`, `1d`,
   * `1h30m`. A request before that waits `blocked`. Not applied to rollbacks.
   */
  minSoak?: string;
}

export interface Config {
  /** Configuration of the Release Orchestration plugins. */
  releaseOrchestration?: {
    /**
     * The environment lanes; promotion goes from the first to the last, or along `after` where
     * lanes branch (fan-out). Defaults to dev, staging, production.
     * @visibility frontend
     */
    environments?: Array<
      PolicyFields & {
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
        /**
         * The lanes a release passes before this one; defaults to the lane listed before it (none
         * for the first). Several lanes after the same lane branch, e.g. `production-eu` and
         * `production-us` both `after: [staging]`; `[]` makes a lane a release may enter first.
         * Unknown lanes and cycles stop the backend at start-up.
         * @visibility frontend
         */
        after?: string[];
        /**
         * Overrides of this lane's policy for rollbacks (`POST /systems/{ns}/{name}/rollback`), e.g.
         * fewer approvals or no required evidence. `requirePreviousEnvironment` defaults to false
         * here; `minSoak` does not apply to rollbacks.
         */
        rollback?: PolicyFields;
      }
    >;
    /**
     * Freeze windows that repeat in a named time zone, held like one-off freezes (promotions into a
     * covered lane wait `blocked`; an emergency override with a justification passes). Each window
     * opens on every day of `every` at `from` and closes at the next `until`: a day and time
     * (`mon 08:00`), or a time, on the same day when later than `from`, else the next day.
     * Local times that do not exist (clocks go forward) move forward by the gap; times that occur
     * twice (clocks go back) are the first. Mistakes stop the backend at start-up with the key named.
     * E.g. `{ name: weekend, timeZone: Europe/Berlin, every: [fri], from: '16:00', until: 'mon 08:00' }`
     * or `{ name: mornings, timeZone: America/New_York, every: day, from: '09:00', until: '11:00' }`.
     */
    recurringFreezes?: Array<{
      /** Unique name: lower-case letters, digits and dashes. */
      name: string;
      /** Lane names, or `all` (the default). */
      environments?: string[] | 'all';
      /** System refs (`system:default/payments` or `payments`), or `all` (the default). */
      systems?: string[] | 'all';
      /** IANA time zone of `from`, `until` and `exceptions`, e.g. `Europe/Berlin`, `UTC`. */
      timeZone: string;
      /** Days the window opens: `day` (every day), a day, or a list (`[mon, tue]`, `friday`). */
      every: 'day' | string | string[];
      /** Opening time, `HH:MM` (24-hour). */
      from: string;
      /** Closing: `HH:MM`, or a day and time, `mon 08:00`. */
      until: string;
      /** Local dates (`YYYY-MM-DD`) on which the window does not open. */
      exceptions?: string[];
      /** Why; shown with the window. */
      reason?: string;
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
          [environment: string]: PolicyFields & {
            /** Further overrides for rollbacks into the lane (`minSoak` does not apply). */
            rollback?: PolicyFields;
          };
        };
      };
    };
    /** Quarantine of releases marked bad (docs/promotion.md). */
    quarantine?: {
      /**
       * Quarantine a release automatically when an incident in the production lane
       * (`dora.productionEnvironment`) is attributed to its deployment there. Default false.
       */
      onProductionIncident?: boolean;
    };
    /** Incident sources. */
    incidents?: {
      /** PagerDuty V3 webhooks (`POST /incidents/webhook`). */
      pagerDuty?: {
        /**
         * Secrets of the webhook subscriptions. When set, the webhook is authenticated by
         * PagerDuty's `X-PagerDuty-Signature` (HMAC-SHA256 of the body with one of these), not by a
         * Backstage token; list two while rotating a subscription's secret.
         * @visibility secret
         */
        webhookSecrets?: string[];
      };
    };
    /** How the DORA metrics are computed. */
    dora?: {
      /**
       * The environment lane, or lanes (e.g. `[production-eu, production-us]`), whose deployments
       * and incidents count for DORA; defaults to the lanes no other lane comes after (the last
       * lane of a line, every branch at the end of a fan-out).
       * @visibility frontend
       */
      productionEnvironment?: string | string[];
      /**
       * Seconds after the last request of an import (`POST /import`) was answered before the DORA
       * catch-up records the roll-ups of the production deployments it stored; it does not start
       * while an import request is being written (docs/data-sources.md). The scheduled DORA task
       * also runs it every 5 minutes. From 0 to 3600; default 1.
       */
      importCatchUpDelaySeconds?: number;
      /** Change failure rate options. */
      changeFailureRate?: {
        /** Leave deployments that failed to deploy (never served traffic) out of change failure rate; default false. */
        excludeFailedToDeploy?: boolean;
      };
      /**
       * Performance levels per metric, replacing the 2024 table's for that metric: the unit and
       * the bound of elite, high and medium (anything else is low). Lower-is-better metrics
       * qualify at most the bound, deployment frequency at least the bound.
       * @visibility frontend
       */
      levels?: {
        [metric: string]: {
          /** seconds|minutes|hours|days|weeks, perDay|perWeek|perMonth, or ratio|percent, as fits the metric. */
          unit: string;
          elite: number;
          high: number;
          medium: number;
        };
      };
    };
    /**
     * Ignored by the plugin, which carries no demo code: the demo portal's backend seeds demo
     * history (packages/backend, `releaseOrchestrationDemo.seedHistory`) and still reads this key
     * there when `seedHistory` is not set. The plugin logs a warning when it is set.
     * @deprecated Use `releaseOrchestrationDemo.seedHistory` of the demo backend.
     */
    demoData?: boolean;
    /**
     * The audit chain: HMAC keys (held outside the database) and the schedules of its signed
     * checkpoints and full re-verification. See the README, Security > Audit trail.
     */
    audit?: {
      /**
       * HMAC-SHA256 keys; every event stores the id of the key it was hashed with. Rotate by adding
       * a key and switching `activeKeyId`; keep old keys while events hashed with them exist.
       * Without keys the chain is plain sha256 (a warning is logged at start-up).
       */
      keys?: Array<{
        /** 1-64 letters, digits, '.', '_' or '-'; not 'unkeyed'. */
        id: string;
        /**
         * At least 16 characters; e.g. `${RELEASE_ORCHESTRATION_AUDIT_KEY}`.
         * @visibility secret
         */
        secret: string;
      }>;
      /** The key new events and checkpoints are hashed with; may be left out with one key. */
      activeKeyId?: string;
      /**
       * The `token` of a checkpoint kept outside the database (e.g. from the log at the last
       * audit): every verification also checks the chain against it, so a rewind past it is
       * caught even by a freshly started backend whose stored checkpoints were deleted.
       */
      checkpoint?: string;
      /** When the head is checkpointed; default every 5 minutes. */
      checkpointSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** When the whole chain is re-verified; default every 24 hours. */
      fullVerificationSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    /**
     * Links in a release's changes (`GET /releases/{id}/diff`, the release page, release notes).
     * Templates may use `{sha}`, `{component}` and `{namespace}` (of the component), and in a
     * reference's `url` also `{0}` (the whole match) and `{1}`, `{2}`… (its groups).
     */
    commitLinks?: {
      /** Link to a commit, e.g. `https://github.com/acme/{component}/commit/{sha}`. */
      commitUrl?: string;
      /**
       * Patterns for pull requests and tickets in commit messages; replace the defaults (`#123`,
       * `!45`, pull/merge-request URLs, keys such as `PAY-42`, without links) when set.
       */
      references?: Array<{
        /** `pullRequest` or `ticket`. */
        kind: 'pullRequest' | 'ticket';
        /** A JavaScript regular expression, e.g. `#(\d+)` or `\b[A-Z]{2,10}-\d+\b`. */
        pattern: string;
        /** e.g. `https://github.com/acme/{component}/pull/{1}` or `https://jira.example.com/browse/{0}`. */
        url?: string;
      }>;
    };
    /** History imports: `POST /import` and the source modules' backfills. */
    import?: {
      /**
       * Transactions one import may run at once over records of different Systems, so that the
       * backend prepares one while the database writes another (docs/data-sources.md). Default 2
       * on PostgreSQL; always 1 on SQLite (a single writer). A whole number from 1 to 8.
       */
      parallelism?: number;
    };
    /** `Idempotency-Key` headers of create requests. */
    idempotency?: {
      /** Days a key (and the answer stored with it) is kept; a retry after that runs again. Default 7. */
      retentionDays?: number;
      /**
       * Seconds a retry waits for the answer of the request that holds its key (still running, or
       * on a replica that died after its commit) before it rebuilds the answer. Default 5; more
       * than 0, at most 300.
       */
      answerWaitSeconds?: number;
    };
  };
}
