import { allocate } from '../allocate';
import { logNormal, seededRandom, uniform } from '../random';

/** The Group whose members approve production promotions in the bench configuration. */
export const RELEASE_MANAGERS = 'group:default/release-managers';

/** A Group of the generated organisation. */
export interface OrgGroup {
  ref: string;
  parent?: string;
  children: string[];
  members: string[];
}

/** A System with its owner, its components and how much of the history is its own. */
export interface OrgSystem {
  index: number;
  ref: string;
  owner: string;
  /** Relative activity: a busy System releases and deploys more (log-normal across Systems). */
  activity: number;
  components: Array<{ ref: string; builds: number }>;
  releases: number;
  deployments: number;
  incidents: number;
}

/** The generated catalog: Groups (release managers, departments, teams), users and Systems. */
export interface Org {
  groups: OrgGroup[];
  systems: OrgSystem[];
  releaseManagers: string[];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * How big an organisation to generate: its Groups and Systems, and the history counts that are
 * shared out over the Systems by activity (the benchmark's scale plan is one).
 */
export interface OrgPlan {
  seed: number;
  departments: number;
  teams: number;
  systems: number;
  /** Components over all Systems; every System gets at least 2. */
  components: number;
  builds: number;
  releases: number;
  deployments: number;
  incidents: number;
}

/** The entity names of a generated organisation (indexes count from 0). */
export interface OrgNaming {
  department(d: number): string;
  team(t: number): string;
  /** The i-th member of team t. */
  user(t: number, i: number): string;
  system(s: number): string;
  /** The c-th component of System s. */
  component(s: number, c: number, system: string): string;
}

/** The benchmark's names: dept-01, team-001, team-001-dev-1, sys-0001, sys-0001-c01. */
export const NUMBERED_NAMING: OrgNaming = {
  department: d => `dept-${pad(d + 1, 2)}`,
  team: t => `team-${pad(t + 1, 3)}`,
  user: (t, i) => `team-${pad(t + 1, 3)}-dev-${i + 1}`,
  system: s => `sys-${pad(s + 1, 4)}`,
  component: (s, c) => `sys-${pad(s + 1, 4)}-c${pad(c + 1, 2)}`,
};

/** Options of {@link generateOrg}; the defaults make the benchmark's organisation. */
export interface OrgOptions {
  naming?: OrgNaming;
  /** Users per team (default 6). */
  membersPerTeam?: number;
  /** The members of the release managers' Group (default release-manager-1 to -8). */
  releaseManagers?: string[];
}

/**
 * The organisation of a plan: departments with teams under them, each team owning Systems of
 * 2 or more Components. Activity per System is log-normal, so a few Systems carry much of the
 * history, as in a real installation; every count adds up to the plan's.
 */
export function generateOrg(plan: OrgPlan, options: OrgOptions = {}): Org {
  const naming = options.naming ?? NUMBERED_NAMING;
  const membersPerTeam = options.membersPerTeam ?? 6;
  const random = seededRandom(`org|${plan.seed}`);
  const managers =
    options.releaseManagers ??
    Array.from(
      { length: 8 },
      (_, i) => `user:default/release-manager-${i + 1}`,
    );
  const groups: OrgGroup[] = [
    { ref: RELEASE_MANAGERS, children: [], members: managers },
  ];
  const departments: OrgGroup[] = [];
  for (let d = 0; d < plan.departments; d++) {
    departments.push({
      ref: `group:default/${naming.department(d)}`,
      children: [],
      members: [],
    });
  }
  const teams: OrgGroup[] = [];
  for (let t = 0; t < plan.teams; t++) {
    const ref = `group:default/${naming.team(t)}`;
    const parent = departments[t % departments.length];
    parent.children.push(ref);
    const members = Array.from(
      { length: membersPerTeam },
      (_, i) => `user:default/${naming.user(t, i)}`,
    );
    teams.push({ ref, parent: parent.ref, children: [], members });
  }
  groups.push(...departments, ...teams);

  const systemsPerTeam = allocate(
    plan.systems,
    teams.map(() => uniform(random, 0.5, 1.5)),
    plan.systems >= teams.length ? 1 : 0,
  );
  const owners = teams.flatMap((team, i) =>
    Array.from({ length: systemsPerTeam[i] }, () => team.ref),
  );
  const activity = owners.map(() => logNormal(random, 1, 0.6));
  const componentCounts = allocate(
    plan.components,
    owners.map(() => uniform(random, 0.6, 1.4)),
    2,
  );
  const componentActivity = componentCounts.flatMap((n, i) =>
    Array.from({ length: n }, () => activity[i]),
  );
  const buildCounts = allocate(plan.builds, componentActivity, 2);
  const releases = allocate(plan.releases, activity, 1);
  const deployments = allocate(plan.deployments, activity);
  const incidents = allocate(
    plan.incidents,
    activity.map(a => a * uniform(random, 0.5, 1.5)),
  );

  let component = 0;
  const systems = owners.map((owner, i): OrgSystem => {
    const name = naming.system(i);
    const ref = `system:default/${name}`;
    const components = Array.from({ length: componentCounts[i] }, (_, c) => ({
      ref: `component:default/${naming.component(i, c, name)}`,
      builds: buildCounts[component++],
    }));
    return {
      index: i,
      ref,
      owner,
      activity: activity[i],
      components,
      releases: releases[i],
      deployments: deployments[i],
      incidents: incidents[i],
    };
  });
  return { groups, systems, releaseManagers: managers };
}

/** The members of a Group (the users of a team), for requesters and authors. */
export function membersOf(org: Org, groupRef: string): string[] {
  return org.groups.find(g => g.ref === groupRef)?.members ?? [];
}
