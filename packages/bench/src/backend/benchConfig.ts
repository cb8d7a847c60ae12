import { RELEASE_MANAGERS } from '@release-orchestration/demo-data';

/** The lanes of the benchmark installation, as `releaseOrchestration.environments`. */
export const BENCH_ENVIRONMENTS = [
  { name: 'dev', title: 'Development' },
  { name: 'staging', title: 'Staging', requiredEvidence: ['unit-tests'] },
  {
    name: 'production',
    title: 'Production',
    approvers: [RELEASE_MANAGERS],
    minApprovals: 1,
    separationOfDuties: true,
    requiredEvidence: ['unit-tests', 'security-scan'],
    requirePreviousEnvironment: true,
  },
];

/** The lane DORA counts (the last one, the plugin's default). */
export const PRODUCTION = 'production';

/** `releaseOrchestration` config of the benchmark installation. */
export const benchPluginConfig = {
  releaseOrchestration: { environments: BENCH_ENVIRONMENTS },
};

/** The policy a promotion into a lane records (with the plugin's defaults), as the generator writes it. */
export function lanePolicy(environment: string) {
  const index = BENCH_ENVIRONMENTS.findIndex(e => e.name === environment);
  const lane = BENCH_ENVIRONMENTS[index] as {
    approvers?: string[];
    minApprovals?: number;
    separationOfDuties?: boolean;
    requiredEvidence?: string[];
    requirePreviousEnvironment?: boolean;
  };
  return {
    approvers: lane.approvers ?? [],
    minApprovals: lane.minApprovals ?? 0,
    separationOfDuties: lane.separationOfDuties ?? false,
    requiredEvidence: lane.requiredEvidence ?? [],
    // The plugin's defaults (readEnvironments): a lane after the first needs the previous one.
    requirePreviousEnvironment: lane.requirePreviousEnvironment ?? index > 0,
  };
}
