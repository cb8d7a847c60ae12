import {
  DemoOrg,
  demoScenarioFor,
  DemoScenario,
} from '@release-orchestration/demo-data';

/** The scenario of the System at `index` of the catalog's sorted list of Systems. */
export type DemoScenarioOf = (systemRef: string, index: number) => DemoScenario;

const NO_GENERATED_ORG: DemoOrg = { groups: [], users: [], systems: [] };

/** Scenarios when the generated organisation is not in the catalog: the named Systems' only. */
export const namedScenarios: DemoScenarioOf = (systemRef, index) =>
  demoScenarioFor(systemRef, index, NO_GENERATED_ORG);

/** Scenarios of the named Systems and of a generated organisation's Systems. */
export function scenariosOf(org: DemoOrg): DemoScenarioOf {
  return (systemRef, index) => demoScenarioFor(systemRef, index, org);
}
