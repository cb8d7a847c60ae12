import { writeOrgRollups } from './history/doraRollups';
import { generateSystemHistory } from './history/generateSystemHistory';
import { generateOrg, Org } from '@release-orchestration/demo-data';
import { ScalePlan } from './scalePlan';
import { RowSink } from './tables';

/** How the DORA roll-ups are filled: by the generator, or left empty for the plugin to rebuild. */
export type RollupMode = 'generate' | 'none';

/**
 * Generates a whole installation into a sink, System by System (waiting for the sink after each,
 * so memory stays bounded), then the org-wide roll-up rows. Returns the organisation, which the
 * fake catalog serves.
 */
export async function generateInstallation(
  plan: ScalePlan,
  sink: RowSink,
  options: {
    rollups?: RollupMode;
    onSystem?: (done: number, total: number) => void;
  } = {},
): Promise<Org> {
  const org = generateOrg(plan);
  const histogram =
    options.rollups === 'none' ? undefined : new Map<string, number>();
  for (const system of org.systems) {
    generateSystemHistory(plan, org, system, sink, histogram);
    await sink.flush();
    options.onSystem?.(system.index + 1, org.systems.length);
  }
  if (histogram) {
    writeOrgRollups(sink, histogram);
  }
  await sink.flush();
  return org;
}
