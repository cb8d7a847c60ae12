import { Config } from '@backstage/config';
import {
  normalizeEntityRef,
  PromotionPolicy,
} from '@release-orchestration/plugin-release-orchestration-common';

const EVIDENCE_TYPE = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/**
 * Reads the promotion policy fields that are set in one config object (an environment, its
 * `rollback` block, or a named policy's environment), leaving out the ones not given so they
 * can be layered over another policy. Mistakes throw with the key named.
 */
export function readPolicyFields(
  config: Config,
  at: string,
): Partial<PromotionPolicy> {
  const fields: Partial<PromotionPolicy> = {};
  const approvers = config.getOptionalStringArray('approvers');
  if (approvers) {
    fields.approvers = approvers.map(ref => {
      const group = normalizeEntityRef(ref, 'group');
      if (!group) {
        throw new Error(
          `${at}.approvers: '${ref}' must be a full group ref like group:default/release-managers`,
        );
      }
      return group;
    });
  }
  const minApprovals = config.getOptionalNumber('minApprovals');
  if (minApprovals !== undefined) {
    if (!Number.isInteger(minApprovals) || minApprovals < 0) {
      throw new Error(
        `${at}.minApprovals: must be a whole number of at least 0`,
      );
    }
    fields.minApprovals = minApprovals;
  }
  const separationOfDuties = config.getOptionalBoolean('separationOfDuties');
  if (separationOfDuties !== undefined) {
    fields.separationOfDuties = separationOfDuties;
  }
  const requiredEvidence = config.getOptionalStringArray('requiredEvidence');
  if (requiredEvidence) {
    for (const type of requiredEvidence) {
      if (!EVIDENCE_TYPE.test(type)) {
        throw new Error(
          `${at}.requiredEvidence: '${type}' must be lower-case letters, digits, dots, dashes and underscores`,
        );
      }
    }
    fields.requiredEvidence = [...new Set(requiredEvidence)];
  }
  const evidenceFrom = config.getOptionalString('evidenceFrom');
  if (evidenceFrom !== undefined) {
    if (evidenceFrom !== 'service' && evidenceFrom !== 'any') {
      throw new Error(
        `${at}.evidenceFrom: '${evidenceFrom}' must be 'service' (only CI may attach the required evidence) or 'any'`,
      );
    }
    fields.evidenceFrom = evidenceFrom === 'service' ? 'service' : undefined;
  }
  const minSoak = config.getOptionalString('minSoak');
  if (minSoak !== undefined) {
    fields.minSoakSeconds = parseDuration(minSoak, `${at}.minSoak`);
  }
  Object.assign(fields, readChangeApprovalFields(config, at));
  const requirePreviousEnvironment = config.getOptionalBoolean(
    'requirePreviousEnvironment',
  );
  if (requirePreviousEnvironment !== undefined) {
    fields.requirePreviousEnvironment = requirePreviousEnvironment;
  }
  return fields;
}

/**
 * The owners-of-changes options (`ownersOfChangesApprove: also | instead | off`,
 * `commitAuthorsCannotApprove`) set in one config object; `off` is kept as undefined so that a
 * named policy can lift a lane's setting.
 */
export function readChangeApprovalFields(
  config: Config,
  at: string,
): Pick<
  Partial<PromotionPolicy>,
  'ownersOfChangesApprove' | 'commitAuthorsCannotApprove'
> {
  const fields: Pick<
    Partial<PromotionPolicy>,
    'ownersOfChangesApprove' | 'commitAuthorsCannotApprove'
  > = {};
  if (config.has('ownersOfChangesApprove')) {
    const raw = config.get('ownersOfChangesApprove');
    const value = raw === false ? 'off' : raw;
    if (value !== 'also' && value !== 'instead' && value !== 'off') {
      throw new Error(
        `${at}.ownersOfChangesApprove: '${String(
          raw,
        )}' must be 'also' (each owning group approves besides the approvers), 'instead' (in place of the approvers) or 'off'`,
      );
    }
    fields.ownersOfChangesApprove = value === 'off' ? undefined : value;
  }
  const authors = config.getOptionalBoolean('commitAuthorsCannotApprove');
  if (authors !== undefined) {
    fields.commitAuthorsCannotApprove = authors;
  }
  return fields;
}

const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/;

/** Seconds of a duration such as `2h`, `90m`, `1d` or `1h30m`; throws naming `key`. */
export function parseDuration(value: string, key: string): number {
  const match = DURATION.exec(value.trim());
  if (!match || value.trim() === '') {
    throw new Error(
      `${key}: '${value}' must be a duration in days, hours and minutes, e.g. 2h, 90m, 1d or 1h30m`,
    );
  }
  const [days, hours, minutes] = match.slice(1).map(v => Number(v ?? 0));
  const seconds = ((days * 24 + hours) * 60 + minutes) * 60;
  if (seconds > 90 * 24 * 3600) {
    throw new Error(`${key}: '${value}' is longer than 90 days`);
  }
  return seconds;
}

/** Refuses a policy that asks for approvals nobody can give. */
export function assertPolicyConsistent(policy: PromotionPolicy, at: string) {
  if (policy.minApprovals > 0 && policy.approvers.length === 0) {
    throw new Error(
      `${at}.minApprovals: ${policy.minApprovals} approvals need at least one approver group`,
    );
  }
}
