import { generateOrg, Org, OrgNaming } from '../org/generateOrg';
import { seededRandom } from '../random';
import {
  DELIVERY_PROFILES,
  DeliveryLevel,
  DeliveryProfile,
  DemoScenario,
} from './deliveryProfiles';

/** The demo's organisation Group (examples/org.yaml), parent of every department. */
export const DEMO_ORGANISATION = 'group:default/acme';

/** The departments the generator adds beside examples/org.yaml's engineering. */
const DEPARTMENTS = ['commerce', 'finance', 'data-platform'];

/** Teams, in turn per department (team t belongs to department t mod 3). */
const TEAMS = [
  'orders',
  'billing',
  'analytics',
  'search',
  'risk',
  'streaming',
  'mobile',
  'treasury',
  'ml-platform',
];

/**
 * System names in the order generateOrg hands Systems to teams; with seed 1 the teams get 5, 2, 3,
 * 3, 5, 4, 5, 4 and 5 Systems, so each team's Systems fit its name (other seeds mix them).
 */
const SYSTEMS = [
  // orders
  'order-management',
  'returns',
  'shipping',
  'subscriptions',
  'loyalty',
  // billing
  'invoicing',
  'dunning',
  // analytics
  'reporting',
  'dashboards',
  'data-quality',
  // search
  'catalog-search',
  'autocomplete',
  'recommendations',
  // risk
  'fraud-scoring',
  'kyc',
  'sanctions-screening',
  'credit-limits',
  'tax-engine',
  // streaming
  'event-bus',
  'change-data-capture',
  'metrics-pipeline',
  'log-archive',
  // mobile
  'mobile-backend',
  'push-notifications',
  'app-config-service',
  'wishlist',
  'merchandising',
  // treasury
  'cash-management',
  'payouts',
  'fx-rates',
  'general-ledger',
  // ml-platform
  'feature-store',
  'model-serving',
  'training-pipeline',
  'data-lake',
  'experimentation',
];

const COMPONENT_SUFFIXES = ['api', 'worker', 'web', 'jobs', 'gateway', 'db'];

const MEMBER_NAMES = ['lead', 'dev', 'sre', 'qa'];

const NAMING: OrgNaming = {
  department: d => DEPARTMENTS[d],
  team: t => `${TEAMS[t]}-team`,
  user: (t, i) => `${TEAMS[t]}-${MEMBER_NAMES[i]}`,
  system: s => SYSTEMS[s],
  component: (_s, c, system) =>
    `${system}-${COMPONENT_SUFFIXES[c] ?? `part-${c + 1}`}`,
};

/** A generated System of the demo organisation. */
export interface DemoOrgSystem {
  ref: string;
  owner: string;
  componentRefs: string[];
  scenario: DemoScenario;
}

/** The generated part of the demo organisation (examples/org.yaml and entities.yaml hold the rest). */
export interface DemoOrg {
  /** Departments (parent: {@link DEMO_ORGANISATION}) and their teams. */
  groups: Array<{ ref: string; parent: string; type: 'department' | 'team' }>;
  users: Array<{ ref: string; team: string }>;
  systems: DemoOrgSystem[];
}

/** How many generated Systems reach each level (36 in all), best first. */
const LEVELS: Array<[DeliveryLevel, number]> = [
  ['elite', 3],
  ['high', 12],
  ['medium', 13],
  ['low', 8],
];

/**
 * The generated part of the demo organisation: three departments of three teams each under Acme
 * (beside examples/org.yaml's engineering department and its three teams: a dozen teams in a
 * two-level hierarchy), 4 members per team, and 36 Systems of 3 or 4 components, shared out over
 * the teams by the benchmark's organisation generator. Each System gets a delivery profile:
 * 3 elite, 12 high, 13 medium, 8 low (in a seeded order); one high System regressed in the last
 * three weeks, one medium System never reached production. Deterministic for a seed.
 */
export function generateDemoOrg(seed = 1): DemoOrg {
  const org: Org = generateOrg(
    {
      seed,
      departments: DEPARTMENTS.length,
      teams: TEAMS.length,
      systems: SYSTEMS.length,
      components: 110,
      // Only the shape is used: the demo's history comes from generateDemoHistory.
      builds: 0,
      releases: 0,
      deployments: 0,
      incidents: 0,
    },
    {
      naming: NAMING,
      membersPerTeam: MEMBER_NAMES.length,
      releaseManagers: [],
    },
  );
  const groups: DemoOrg['groups'] = org.groups
    .filter(g => g.ref !== 'group:default/release-managers')
    .map(g => ({
      ref: g.ref,
      parent: g.parent ?? DEMO_ORGANISATION,
      type: g.parent ? 'team' : 'department',
    }));
  const users = org.groups.flatMap(g =>
    g.parent ? g.members.map(ref => ({ ref, team: g.ref })) : [],
  );

  const levels: DeliveryLevel[] = LEVELS.flatMap(([level, n]) =>
    Array<DeliveryLevel>(n).fill(level),
  );
  const random = seededRandom(`demo-profiles|${seed}`);
  for (let i = levels.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [levels[i], levels[j]] = [levels[j], levels[i]];
  }
  const regressed = levels.indexOf('high');
  const noProduction = levels.indexOf('medium');
  const systems = org.systems.map((system, i): DemoOrgSystem => {
    const profile: DeliveryProfile = DELIVERY_PROFILES[levels[i]];
    return {
      ref: system.ref,
      owner: system.owner,
      componentRefs: system.components.map(c => c.ref),
      scenario: {
        profile,
        production: i !== noProduction,
        regression:
          i === regressed
            ? {
                days: 21,
                failureRate: 0.4,
                incidentShare: 0.5,
                recoveryHours: [20, 60],
              }
            : undefined,
        rollbacks:
          profile.level === 'medium' || profile.level === 'low' ? 1 : 0,
        hotfixes: i % 3 === 0 ? 1 : 0,
        drift: false,
        approvals: false,
      },
    };
  });
  return { groups, users, systems };
}

/** The history profile of examples/entities.yaml's Systems: a release every 1 to 5 days. */
const NAMED_PROFILE = {
  buildEveryDays: [1, 5] as [number, number],
  laneDays: 1.5,
  failureRate: 0.12,
};

/**
 * The scenarios of examples/entities.yaml's Systems, which the browser journeys rely on: every
 * System has approvals waiting; checkout releases twice a week and rolls back once; payments
 * releases about daily, has a hotfix and a drifted staging lane; platform-core releases about
 * weekly, rolls back, has a hotfix and many incidents with slow recovery.
 */
export const NAMED_SCENARIOS: Record<string, DemoScenario> = {
  'system:default/checkout': {
    profile: {
      ...NAMED_PROFILE,
      level: 'high',
      releaseEveryDays: [2.5, 4.5],
      incidentShare: 0.03,
      recoveryHours: [0.2, 0.8],
      sureIncidentAt: 0,
    },
    production: true,
    rollbacks: 1,
    hotfixes: 0,
    drift: false,
    approvals: true,
  },
  'system:default/payments': {
    profile: {
      ...NAMED_PROFILE,
      level: 'high',
      releaseEveryDays: [0.6, 1.4],
      incidentShare: 0.08,
      recoveryHours: [2, 14],
      sureIncidentAt: 0.5,
    },
    production: true,
    rollbacks: 0,
    hotfixes: 1,
    drift: true,
    approvals: true,
  },
  'system:default/platform-core': {
    profile: {
      ...NAMED_PROFILE,
      level: 'medium',
      releaseEveryDays: [6, 10],
      incidentShare: 0.3,
      recoveryHours: [30, 120],
      sureIncidentAt: 0.9,
    },
    production: true,
    rollbacks: 1,
    hotfixes: 1,
    drift: false,
    approvals: true,
  },
};

/**
 * The scenario of any System the demo seeders find in the catalog: the named Systems' own, a
 * generated System's, else (a System added to the catalog by hand) the named ones' in turn by its
 * position in the sorted list of Systems.
 */
export function demoScenarioFor(
  systemRef: string,
  index: number,
  org: DemoOrg,
): DemoScenario {
  const named = NAMED_SCENARIOS[systemRef];
  if (named) {
    return named;
  }
  const generated = org.systems.find(s => s.ref === systemRef);
  if (generated) {
    return generated.scenario;
  }
  const fallback = Object.values(NAMED_SCENARIOS);
  return { ...fallback[index % fallback.length], drift: false };
}
