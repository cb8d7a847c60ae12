import { leadTimeBucket } from '@release-orchestration/plugin-release-orchestration-backend/src/database/leadTimeBucket';
import { PRODUCTION } from '../../backend/benchConfig';
import { compareText } from '@release-orchestration/demo-data';
import { RowSink } from '../tables';
import { GenIncident } from './generateIncidents';
import { GenComponent, GenDeployment, iso } from './types';

/** Org-wide lead-time counts per UTC day and bucket, summed over every System. */
export type LeadTimeHistogram = Map<string, number>;

interface Fact {
  deployment: GenDeployment;
  rolledBackBy?: string;
  restoredAt?: number;
  /** Lead times of the commits it first brought to production. */
  leadSeconds: number[];
}

/**
 * Writes the DORA roll-ups of one System as the plugin's own catch-up (`syncDoraFacts`, which
 * calls `DoraFactRecorder.record` for each finished production deployment, oldest first) leaves
 * them, without its thousands of queries:
 *
 * - a fact per finished production deployment; a succeeded rollback marks the System's previous
 *   fact rolled back; a success restores every earlier unrestored failure; incident counts are
 *   the incidents attributed to the deployment;
 * - each commit of a component's builds up to the deployed version counts once, at the first
 *   successful production deployment containing it (commits of a build are covered by any later
 *   build's deployment, in build order); each such deployment's lead times also as one list;
 * - the System's first production deployment, and the org-wide histogram.
 *
 * The equivalence with the plugin's path is checked by `doraRollups.test.ts` on both databases.
 */
export function writeDoraRollups(
  sink: RowSink,
  systemRef: string,
  components: GenComponent[],
  deployments: GenDeployment[],
  incidents: GenIncident[],
  histogram: LeadTimeHistogram,
) {
  const production = deployments
    .filter(d => d.environment === PRODUCTION && d.finish !== undefined)
    .sort((a, b) => a.finish! - b.finish! || compareText(a.id, b.id));
  if (production.length === 0) {
    return;
  }
  const incidentCounts = new Map<string, number>();
  for (const incident of incidents) {
    if (incident.deploymentId) {
      incidentCounts.set(
        incident.deploymentId,
        (incidentCounts.get(incident.deploymentId) ?? 0) + 1,
      );
    }
  }
  const covered = components.map(() => 0);
  const facts: Fact[] = [];
  let unrestored: Fact[] = [];
  for (const deployment of production) {
    const fact: Fact = { deployment, leadSeconds: [] };
    const at = deployment.finish!;
    if (deployment.status === 'succeeded') {
      const day = iso(at).slice(0, 10);
      for (const line of deployment.lines) {
        const component = components[line.component];
        for (let b = covered[line.component]; b <= line.build; b++) {
          for (const commit of component.builds[b].commits) {
            const leadSeconds = Math.max(
              0,
              Math.round((at - commit.at) / 1000),
            );
            const bucket = leadTimeBucket(leadSeconds);
            fact.leadSeconds.push(leadSeconds);
            sink.write('dora_lead_times', [
              component.ref,
              commit.sha,
              systemRef,
              deployment.id,
              iso(commit.at),
              iso(at),
              day,
              leadSeconds,
              bucket,
            ]);
            const key = `${day}|${bucket}`;
            histogram.set(key, (histogram.get(key) ?? 0) + 1);
          }
        }
        covered[line.component] = Math.max(
          covered[line.component],
          line.build + 1,
        );
      }
      const replaced = facts[facts.length - 1];
      if (deployment.rollback && replaced && !replaced.rolledBackBy) {
        replaced.rolledBackBy = deployment.id;
      }
      for (const failure of unrestored) {
        failure.restoredAt = at;
      }
      unrestored = [];
    } else {
      unrestored.push(fact);
    }
    facts.push(fact);
  }
  for (const {
    deployment: d,
    rolledBackBy,
    restoredAt,
    leadSeconds,
  } of facts) {
    sink.write('dora_deployment_facts', [
      d.id,
      systemRef,
      d.release?.id ?? null,
      iso(d.finish!),
      iso(d.finish!).slice(0, 10),
      d.status === 'succeeded',
      d.rollback,
      d.hotfix,
      rolledBackBy ?? null,
      incidentCounts.get(d.id) ?? 0,
      restoredAt !== undefined ? iso(restoredAt) : null,
    ]);
    if (leadSeconds.length > 0) {
      sink.write('dora_deployment_lead_times', [
        d.id,
        systemRef,
        iso(d.finish!),
        leadSeconds.sort((a, b) => a - b).join(','),
      ]);
    }
  }
  sink.write('dora_systems', [systemRef, iso(production[0].finish!)]);
}

/** The org-wide rows written once after every System: the histogram and the settings. */
export function writeOrgRollups(sink: RowSink, histogram: LeadTimeHistogram) {
  const keys = [...histogram.keys()].sort();
  for (const key of keys) {
    const [day, bucket] = key.split('|');
    sink.write('dora_lead_time_histogram', [
      day,
      Number(bucket),
      histogram.get(key)!,
    ]);
  }
  sink.write('dora_settings', ['productionEnvironment', PRODUCTION]);
}
