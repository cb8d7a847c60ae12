import { Org, OrgSystem, membersOf } from '@release-orchestration/demo-data';
import { seededRandom } from '@release-orchestration/demo-data';
import { ScalePlan } from '../scalePlan';
import { RowSink } from '../tables';
import { LeadTimeHistogram, writeDoraRollups } from './doraRollups';
import { generateBuilds } from './generateBuilds';
import { generateDeployments } from './generateDeployments';
import { generateIncidents } from './generateIncidents';
import { generateReleases } from './generateReleases';

/**
 * Writes one System's whole history to the sink: builds and commits, releases with manifests
 * and evidence, deployments with their promotions, incidents, and (unless `histogram` is
 * undefined) its DORA roll-ups. Each System draws from its own seeded stream, so its rows do not
 * depend on the other Systems.
 */
export function generateSystemHistory(
  plan: ScalePlan,
  org: Org,
  system: OrgSystem,
  sink: RowSink,
  histogram: LeadTimeHistogram | undefined,
) {
  const ctx = {
    plan,
    org,
    system,
    sink,
    random: seededRandom(`${plan.seed}|${system.ref}`),
    users: membersOf(org, system.owner),
  };
  const components = generateBuilds(ctx);
  const releases = generateReleases(ctx, components);
  const deployments = generateDeployments(ctx, components, releases);
  const incidents = generateIncidents(ctx, deployments);
  if (histogram) {
    writeDoraRollups(
      sink,
      system.ref,
      components,
      deployments,
      incidents,
      histogram,
    );
  }
}
