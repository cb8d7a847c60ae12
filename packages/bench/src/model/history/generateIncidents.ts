import { PRODUCTION } from '../../backend/benchConfig';
import {
  chance,
  logNormal,
  pick,
  randomUuid,
  uniform,
} from '@release-orchestration/demo-data';
import { DAY, GenDeployment, HOUR, iso, MIN, SystemContext } from './types';

/** A generated incident: what the DORA roll-ups need of it. */
export interface GenIncident {
  deploymentId?: string;
}

/**
 * The production incidents of a System, attributed the way the plugin attributes them when they
 * are reported: most automatically, to the newest successful production deployment finished at
 * or before the incident opened; some explicitly to that deployment or the one before it; a few
 * explicitly to none. Time to restore is log-normal (median two hours); the latest may be open.
 */
export function generateIncidents(
  ctx: SystemContext,
  deployments: GenDeployment[],
): GenIncident[] {
  const { plan, system, random, sink, users } = ctx;
  const succeeded = deployments
    .filter(d => d.environment === PRODUCTION && d.status === 'succeeded')
    .sort((a, b) => a.finish! - b.finish!);
  const newestAtOrBefore = (at: number) => {
    let lo = 0;
    let hi = succeeded.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (succeeded[mid].finish! <= at) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo - 1;
  };
  const incidents: GenIncident[] = [];
  for (let n = 0; n < system.incidents; n++) {
    const opened = Math.round(
      uniform(random, plan.start + 7 * DAY, plan.end - HOUR),
    );
    const restoredAfter = Math.round(logNormal(random, 2 * HOUR, 1.1));
    const resolved =
      opened + restoredAfter < plan.end ? opened + restoredAfter : undefined;
    const newest = newestAtOrBefore(opened);
    const draw = random.next();
    let attribution: 'automatic' | 'explicit' = 'automatic';
    let deployment: GenDeployment | undefined =
      newest >= 0 ? succeeded[newest] : undefined;
    if (draw >= 0.95) {
      attribution = 'explicit';
      deployment = undefined;
    } else if (draw >= 0.8) {
      attribution = 'explicit';
      if (newest >= 1 && chance(random, 0.5)) {
        deployment = succeeded[newest - 1];
      }
    }
    const pagerduty = chance(random, 0.7);
    const externalId = `INC-${system.index + 1}-${n + 1}`;
    const created = Math.round(opened + uniform(random, 1, 10) * MIN);
    sink.write('incidents', [
      randomUuid(random),
      pagerduty ? 'pagerduty' : 'api',
      externalId,
      system.ref,
      PRODUCTION,
      `Elevated error rate in ${system.ref.slice(system.ref.indexOf('/') + 1)}`,
      `https://incidents.example.com/${externalId}`,
      iso(opened),
      resolved !== undefined ? iso(resolved) : null,
      deployment?.id ?? null,
      deployment?.release?.id ?? null,
      attribution,
      pagerduty ? 'service:pagerduty' : pick(random, users),
      iso(created),
      iso(resolved !== undefined ? Math.max(resolved, created) : created),
    ]);
    incidents.push({ deploymentId: deployment?.id });
  }
  return incidents;
}
