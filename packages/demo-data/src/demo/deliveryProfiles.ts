/** A DORA performance level a demo System is generated to reach, best first. */
export type DeliveryLevel = 'elite' | 'high' | 'medium' | 'low';

/**
 * How a demo System delivers: how often its components build and it releases, how long a
 * release waits in each lane, how often production deployments fail or cause incidents, and how
 * long restoring takes. The values are chosen so that the DORA levels of the 2024 report come out
 * as named (deployment frequency, lead time, change failure rate, recovery time).
 */
export interface DeliveryProfile {
  level: DeliveryLevel;
  /** Days between two builds of a component (low, high). */
  buildEveryDays: [number, number];
  /** Days between two releases (low, high). */
  releaseEveryDays: [number, number];
  /** Days a release waits in a lane before the next lane (at most; recent releases wait less). */
  laneDays: number;
  /** Share of production deployments that failed once before the one that succeeded. */
  failureRate: number;
  /** Share of production deployments followed by an incident. */
  incidentShare: number;
  /** Hours from an incident opening to its resolution (low, high). */
  recoveryHours: [number, number];
  /** Where in the history one incident surely is: 0 the oldest deployment, 1 the newest. */
  sureIncidentAt: number;
}

/** The profile of each level. */
export const DELIVERY_PROFILES: Record<DeliveryLevel, DeliveryProfile> = {
  elite: {
    level: 'elite',
    buildEveryDays: [0.3, 0.8],
    releaseEveryDays: [0.35, 0.7],
    laneDays: 0.08,
    failureRate: 0.02,
    incidentShare: 0.01,
    recoveryHours: [0.2, 0.8],
    sureIncidentAt: 0,
  },
  high: {
    level: 'high',
    buildEveryDays: [1, 3],
    releaseEveryDays: [2.5, 5],
    laneDays: 0.8,
    failureRate: 0.05,
    incidentShare: 0.04,
    recoveryHours: [2, 14],
    sureIncidentAt: 0.3,
  },
  medium: {
    level: 'medium',
    buildEveryDays: [2, 6],
    releaseEveryDays: [8, 14],
    laneDays: 4,
    failureRate: 0.1,
    incidentShare: 0.1,
    recoveryHours: [30, 120],
    sureIncidentAt: 0.6,
  },
  low: {
    level: 'low',
    buildEveryDays: [4, 10],
    releaseEveryDays: [30, 40],
    laneDays: 12,
    failureRate: 0.3,
    incidentShare: 0.35,
    recoveryHours: [200, 400],
    sureIncidentAt: 0.9,
  },
};

/**
 * Everything the demo seeders do differently per System: its delivery profile and the special
 * cases the portal's pages and browser journeys look for.
 */
export interface DemoScenario {
  profile: DeliveryProfile;
  /**
   * Releases stop before the last lane: a System with no production data (its DORA figures read
   * "no data").
   */
  production: boolean;
  /**
   * The last `regression.days` days are worse: production deployments fail and cause incidents
   * this often, and restoring takes this long (a recent regression a leader should notice).
   */
  regression?: {
    days: number;
    failureRate: number;
    incidentShare: number;
    recoveryHours: [number, number];
  };
  /** Production rolls back to the previous release this many times. */
  rollbacks: number;
  /** A component goes to production ahead of its release this many times. */
  hotfixes: number;
  /** One component of the middle lane ends at another version than its release. */
  drift: boolean;
  /**
   * The two newest releases wait for approval (the newest in the second lane, the one before it
   * in the last lane), and one in five older releases was rejected in the last lane. Without it
   * every release went through every lane, so the approval queue stays short.
   */
  approvals: boolean;
}
