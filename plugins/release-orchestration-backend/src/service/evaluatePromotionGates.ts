import {
  EnvironmentPolicy,
  Evidence,
  FreezeWindow,
  PromotionPolicy,
  PromotionState,
  ReleaseSummary,
  UnmetCondition,
} from '@release-orchestration/plugin-release-orchestration-common';
import {
  acceptedEvidence,
  newestApplicableEvidence,
} from './summarizeEvidence';
import { formatDuration, SoakStatus } from './evaluateSoak';

/** Everything the gates of one promotion request look at. */
export interface GateInput {
  release: ReleaseSummary;
  environment: EnvironmentPolicy;
  /** The lanes `environment` comes after (its `after`), if any. */
  previousEnvironments?: EnvironmentPolicy[];
  policy: PromotionPolicy;
  /** A policy name the System's annotation selects that app-config does not define. */
  unknownPolicyName?: string;
  /** Whether the release has a `succeeded` promotion into every previous lane. */
  succeededInPrevious: boolean;
  /** The previous lanes it has not succeeded in; all of them when left out. */
  notSucceededIn?: EnvironmentPolicy[];
  /** The release's evidence, newest first. */
  evidence: Evidence[];
  /** The release's open promotion into the environment, if any. */
  openPromotion?: { id: string; state: PromotionState };
  /** Freeze windows in force now for the System and environment. */
  activeFreezes: FreezeWindow[];
  /** Users who could approve (approver group members minus separation of duties). */
  eligibleApprovers: string[];
  /** The soak in the previous lane, when the policy asks for one. */
  soak?: SoakStatus;
}

/**
 * Why a release is not ready to leave `previous` for `env` yet, when its soak there is not over
 * (a condition that waits, like a freeze), or undefined.
 */
export function soakCondition(
  name: string,
  soak: SoakStatus | undefined,
  minSoakSeconds: number | undefined,
  previous: string,
  env: string,
): UnmetCondition | undefined {
  const min = formatDuration(minSoakSeconds ?? 0);
  if (soak?.state === 'held') {
    return {
      code: 'soaking',
      message: `${name} has an open incident in ${previous}; ${env} needs it to run there for ${min} without an open incident, counted again from when the incident is resolved`,
    };
  }
  if (soak?.state === 'soaking') {
    const elapsed = (minSoakSeconds ?? 0) - soak.remainingSeconds;
    return {
      code: 'soaking',
      message: `${name} has soaked in ${previous} for ${
        elapsed > 0 ? formatDuration(elapsed) : '0m'
      } of ${min}; ready at ${soak.readyAt} (${formatDuration(
        soak.remainingSeconds,
      )} to go)`,
    };
  }
  return undefined;
}

/** `Staging (staging)`, or `EU (eu) and US (us)`. */
function describeLanes(lanes: EnvironmentPolicy[]): string {
  return lanes.map(l => `${l.title} (${l.name})`).join(' and ');
}

function plural(n: number, one: string, many: string) {
  return `${n} ${n === 1 ? one : many}`;
}

/** Describes freeze windows for a person: until when, and why. */
export function describeFreezes(freezes: FreezeWindow[]): string {
  return freezes.map(f => `frozen until ${f.end} (${f.reason})`).join('; ');
}

/** The condition a quarantined release does not meet, naming the quarantine; else undefined. */
export function quarantineCondition(
  release: ReleaseSummary,
): UnmetCondition | undefined {
  const q = release.quarantine;
  if (!q) {
    return undefined;
  }
  return {
    code: 'quarantined',
    message: `release ${release.version} of ${release.systemRef} is quarantined since ${q.quarantinedAt} by ${q.quarantinedBy} (${q.reason}); a quarantined release cannot be promoted anywhere, lift the quarantine first (needs release-orchestration.release.quarantine)`,
  };
}

/**
 * Every condition of the policy that a promotion request does not meet, in words a person can
 * act on. Empty when the request may go ahead.
 */
export function evaluatePromotionGates(input: GateInput): UnmetCondition[] {
  const { release, environment: env, policy } = input;
  const unmet: UnmetCondition[] = [];
  const name = `release ${release.version} of ${release.systemRef}`;

  if (input.unknownPolicyName) {
    unmet.push({
      code: 'unknown-policy',
      message: `${release.systemRef} selects the policy '${input.unknownPolicyName}' (annotation release-orchestration.io/policy), which app-config does not define under releaseOrchestration.policies; fix the annotation or define the policy`,
    });
  }
  const quarantined = quarantineCondition(release);
  if (quarantined) {
    unmet.push(quarantined);
  }
  if (input.openPromotion) {
    unmet.push({
      code: 'open-promotion',
      message: `${name} already has an open promotion into ${env.name} (${input.openPromotion.id}, ${input.openPromotion.state}); wait for it to finish or cancel it first`,
    });
  }
  const previous = input.previousEnvironments ?? [];
  if (
    policy.requirePreviousEnvironment &&
    previous.length > 0 &&
    !input.succeededInPrevious
  ) {
    const missing = input.notSucceededIn?.length
      ? input.notSucceededIn
      : previous;
    unmet.push({
      code: 'previous-environment',
      message: `${name} has not succeeded in ${describeLanes(
        missing,
      )} yet; promote it there first, ${
        env.name
      } only takes a release that succeeded in ${
        previous.length > 1
          ? `every environment before it (${previous
              .map(p => p.name)
              .join(', ')})`
          : 'the previous environment'
      }`,
    });
  }
  if (input.soak && previous.length > 0) {
    const prev = {
      title: describeLanes(previous),
      name: previous.map(p => p.name).join(' and '),
    };
    if (
      input.soak.state === 'not-started' &&
      !unmet.some(c => c.code === 'previous-environment')
    ) {
      unmet.push({
        code: 'previous-environment',
        message: `${name} has not succeeded in ${prev.title} yet; ${
          env.name
        } needs it to run there for ${formatDuration(
          policy.minSoakSeconds ?? 0,
        )} first`,
      });
    }
    const soaking = soakCondition(
      name,
      input.soak,
      policy.minSoakSeconds,
      prev.name,
      env.name,
    );
    if (soaking) {
      unmet.push(soaking);
    }
  }
  const newest = newestApplicableEvidence(
    acceptedEvidence(input.evidence, policy.evidenceFrom),
    env.name,
  );
  const newestFromAnyone = newestApplicableEvidence(input.evidence, env.name);
  for (const type of policy.requiredEvidence) {
    const evidence = newest.get(type);
    const fromUser = newestFromAnyone.get(type);
    if (!evidence && policy.evidenceFrom === 'service' && fromUser) {
      unmet.push({
        code: 'evidence-not-from-service',
        message: `The ${type} evidence of ${name} was attached by ${fromUser.createdBy}, a person; ${env.name} accepts ${type} evidence only from a service principal (CI), so attach it from the pipeline`,
      });
    } else if (!evidence) {
      unmet.push({
        code: 'evidence-missing',
        message: `No ${type} evidence is attached to ${name}; attach a passing ${type} report (for every environment or for ${env.name})`,
      });
    } else if (evidence.status !== 'pass') {
      unmet.push({
        code: 'evidence-not-passed',
        message: `The newest ${type} evidence of ${name} is '${evidence.status}' (${evidence.summary}); attach a passing ${type} report`,
      });
    }
  }
  if (
    policy.minApprovals > 0 &&
    input.eligibleApprovers.length < policy.minApprovals
  ) {
    const who =
      input.eligibleApprovers.length > 0
        ? ` (${input.eligibleApprovers.join(', ')})`
        : '';
    unmet.push({
      code: 'not-enough-approvers',
      message: `${plural(
        policy.minApprovals,
        'approval is',
        'approvals are',
      )} needed in ${env.name} but only ${plural(
        input.eligibleApprovers.length,
        'person',
        'people',
      )} can approve${who}: members of ${policy.approvers.join(', ')}${
        policy.separationOfDuties
          ? ', not counting the requester and the release author'
          : ''
      }; add members to an approver group`,
    });
  }
  if (input.activeFreezes.length > 0) {
    unmet.push({
      code: 'frozen',
      message: `${env.name} is ${describeFreezes(
        input.activeFreezes,
      )}; wait for the freeze to end, or give an emergencyOverride with a justification (needs release-orchestration.freeze.override)`,
    });
  }
  return unmet;
}
