import { Org } from '@release-orchestration/demo-data';
import { ScalePlan } from '../model/scalePlan';

const DAY_MS = 86_400_000;

/** What the benchmarks ask about: a 90-day window and the busiest team, System and approver. */
export interface BenchSubjects {
  window: { from: string; to: string };
  /** The System with the most deployments (the worst case of a System-level request). */
  system: string;
  /** The team whose Systems have the most deployments between them. */
  team: string;
  teamSystems: number;
  orgSystems: number;
  /** A production approver (a member of the release managers). */
  approver: string;
}

/** Picks the subjects of a generated organisation: the busiest ones, so the numbers are worst cases. */
export function pickSubjects(org: Org, plan: ScalePlan): BenchSubjects {
  const system = org.systems.reduce((a, b) =>
    b.deployments > a.deployments ? b : a,
  );
  const perTeam = new Map<string, { deployments: number; systems: number }>();
  for (const s of org.systems) {
    const t = perTeam.get(s.owner) ?? { deployments: 0, systems: 0 };
    perTeam.set(s.owner, {
      deployments: t.deployments + s.deployments,
      systems: t.systems + 1,
    });
  }
  const [team, stats] = [...perTeam].reduce((a, b) =>
    b[1].deployments > a[1].deployments ? b : a,
  );
  return {
    window: {
      from: new Date(plan.end - 90 * DAY_MS).toISOString(),
      to: new Date(plan.end).toISOString(),
    },
    system: system.ref,
    team,
    teamSystems: stats.systems,
    orgSystems: org.systems.length,
    approver: org.releaseManagers[0],
  };
}
