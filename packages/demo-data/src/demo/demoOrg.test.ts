import {
  DEMO_ORGANISATION,
  demoScenarioFor,
  generateDemoOrg,
  NAMED_SCENARIOS,
} from './demoOrg';
import { demoOrgEntities } from './demoEntities';

/** examples/org.yaml's teams (under its engineering department) and release managers. */
const EXAMPLE_TEAMS = ['payments-team', 'checkout-team', 'platform-team'];

describe('generateDemoOrg', () => {
  const org = generateDemoOrg();

  it('is the same for a seed', () => {
    expect(generateDemoOrg()).toEqual(org);
    expect(
      generateDemoOrg(2).systems.map(s => s.scenario.profile.level),
    ).not.toEqual(org.systems.map(s => s.scenario.profile.level));
  });

  it('makes about a dozen teams (with examples/org.yaml) in a two-level hierarchy under Acme', () => {
    const departments = org.groups.filter(g => g.type === 'department');
    const teams = org.groups.filter(g => g.type === 'team');
    expect(departments).toHaveLength(3);
    for (const department of departments) {
      expect(department.parent).toBe(DEMO_ORGANISATION);
      expect(teams.filter(t => t.parent === department.ref)).toHaveLength(3);
    }
    for (const team of teams) {
      expect(departments.map(d => d.ref)).toContain(team.parent);
    }
    expect(teams.length + EXAMPLE_TEAMS.length).toBe(12);
    // Every team has members and owns at least one System.
    for (const team of teams) {
      expect(org.users.filter(u => u.team === team.ref).length).toBeGreaterThan(
        0,
      );
      expect(org.systems.some(s => s.owner === team.ref)).toBe(true);
    }
  });

  it('makes 30 to 50 Systems (with the 3 named ones) of 2 or more components, names unique', () => {
    const total = org.systems.length + Object.keys(NAMED_SCENARIOS).length;
    expect(total).toBeGreaterThanOrEqual(30);
    expect(total).toBeLessThanOrEqual(50);
    for (const system of org.systems) {
      expect(system.componentRefs.length).toBeGreaterThanOrEqual(2);
      expect(NAMED_SCENARIOS[system.ref]).toBeUndefined();
    }
    const refs = org.systems.flatMap(s => [s.ref, ...s.componentRefs]);
    expect(new Set(refs).size).toBe(refs.length);
  });

  it('varies delivery profiles from elite to low, with one recent regression and one System without production', () => {
    const levels = org.systems.map(s => s.scenario.profile.level);
    for (const level of ['elite', 'high', 'medium', 'low'] as const) {
      expect({
        level,
        systems: levels.filter(l => l === level).length >= 3,
      }).toEqual({
        level,
        systems: true,
      });
    }
    const regressed = org.systems.filter(s => s.scenario.regression);
    expect(regressed).toHaveLength(1);
    expect(regressed[0].scenario.production).toBe(true);
    expect(regressed[0].scenario.regression!.failureRate).toBeGreaterThan(
      regressed[0].scenario.profile.failureRate,
    );
    const withoutProduction = org.systems.filter(s => !s.scenario.production);
    expect(withoutProduction).toHaveLength(1);
    expect(withoutProduction[0]).not.toBe(regressed[0]);
    // Only the named Systems keep approvals waiting, so the approval queue stays readable.
    expect(org.systems.filter(s => s.scenario.approvals)).toEqual([]);
  });

  it("gives the named Systems their own scenarios, and others the named ones' in turn", () => {
    expect(demoScenarioFor('system:default/payments', 7, org)).toBe(
      NAMED_SCENARIOS['system:default/payments'],
    );
    expect(demoScenarioFor(org.systems[5].ref, 0, org)).toBe(
      org.systems[5].scenario,
    );
    const other = demoScenarioFor('system:default/added-by-hand', 1, org);
    expect(other.profile).toBe(
      NAMED_SCENARIOS['system:default/payments'].profile,
    );
    expect(other.drift).toBe(false);
  });
});

describe('demoOrgEntities', () => {
  it('turns the organisation into catalog Groups, Users, Systems and Components that refer to each other', () => {
    const org = generateDemoOrg();
    const entities = demoOrgEntities(org);
    const byKind = (kind: string) => entities.filter(e => e.kind === kind);
    expect(byKind('Group')).toHaveLength(org.groups.length);
    expect(byKind('User')).toHaveLength(org.users.length);
    expect(byKind('System')).toHaveLength(org.systems.length);
    expect(byKind('Component')).toHaveLength(
      org.systems.reduce((n, s) => n + s.componentRefs.length, 0),
    );
    const groups = new Set(byKind('Group').map(g => g.metadata.name));
    for (const group of byKind('Group')) {
      const parent = (group.spec as { parent: string }).parent;
      expect(parent === 'acme' || groups.has(parent)).toBe(true);
    }
    for (const user of byKind('User')) {
      for (const team of (user.spec as { memberOf: string[] }).memberOf) {
        expect(groups.has(team)).toBe(true);
      }
    }
    const systems = new Set(
      byKind('System').map(s => `system:default/${s.metadata.name}`),
    );
    for (const component of byKind('Component')) {
      expect(systems.has((component.spec as { system: string }).system)).toBe(
        true,
      );
      expect(component.metadata.annotations).toMatchObject({
        'release-orchestration.io/enabled': 'true',
      });
    }
    const names = entities.map(e => `${e.kind}:${e.metadata.name}`);
    expect(new Set(names).size).toBe(names.length);
  });
});
