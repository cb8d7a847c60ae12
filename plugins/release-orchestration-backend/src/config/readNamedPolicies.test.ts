import { ConfigReader } from '@backstage/config';
import { resolvePolicy } from '../service/resolvePolicy';
import { readEnvironments } from './readEnvironments';
import { readNamedPolicies } from './readNamedPolicies';

const environments = [
  { name: 'dev' },
  {
    name: 'production',
    approvers: ['group:default/release-managers'],
    separationOfDuties: true,
    requiredEvidence: ['unit-tests'],
    rollback: { requiredEvidence: [] },
  },
];

const read = (policies: any) => {
  const config = new ConfigReader({
    releaseOrchestration: { environments, policies },
  });
  const lanes = readEnvironments(config);
  return { lanes, policies: readNamedPolicies(config, lanes) };
};

describe('readNamedPolicies and resolvePolicy', () => {
  it('has no named policies unless configured', () => {
    expect(read(undefined).policies.size).toBe(0);
  });

  it('layers lane, lane rollback, named policy and named rollback, the later winning per field', () => {
    const { lanes, policies } = read({
      regulated: {
        description: 'SOX',
        environments: {
          production: {
            approvers: [
              'Group:default/Release-Managers',
              'group:default/compliance',
            ],
            minApprovals: 2,
            requiredEvidence: ['unit-tests', 'security-scan', 'change-ticket'],
            rollback: { minApprovals: 1 },
          },
        },
      },
    });
    const regulated = policies.get('regulated')!;
    expect(regulated.description).toBe('SOX');
    const [dev, prod] = lanes;
    expect(resolvePolicy(prod, undefined, false)).toEqual({
      approvers: ['group:default/release-managers'],
      minApprovals: 1,
      separationOfDuties: true,
      requiredEvidence: ['unit-tests'],
      requirePreviousEnvironment: true,
    });
    expect(resolvePolicy(prod, undefined, true)).toMatchObject({
      minApprovals: 1,
      requiredEvidence: [],
      requirePreviousEnvironment: false,
    });
    expect(resolvePolicy(prod, regulated, false)).toEqual({
      approvers: ['group:default/release-managers', 'group:default/compliance'],
      minApprovals: 2,
      separationOfDuties: true,
      requiredEvidence: ['unit-tests', 'security-scan', 'change-ticket'],
      requirePreviousEnvironment: true,
    });
    // The named policy's own fields apply to rollbacks too, then its rollback block.
    expect(resolvePolicy(prod, regulated, true)).toEqual({
      approvers: ['group:default/release-managers', 'group:default/compliance'],
      minApprovals: 1,
      separationOfDuties: true,
      requiredEvidence: ['unit-tests', 'security-scan', 'change-ticket'],
      requirePreviousEnvironment: false,
    });
    expect(resolvePolicy(dev, regulated, false)).toEqual(
      resolvePolicy(dev, undefined, false),
    );
  });

  it.each([
    [
      { Bad: {} },
      "releaseOrchestration.policies.Bad: 'Bad' must be lower-case",
    ],
    [
      { p: { environments: { qa: {} } } },
      "releaseOrchestration.policies.p.environments.qa: 'qa' is not a configured environment; the lanes are dev, production",
    ],
    [
      { p: { environments: { production: { approvers: ['compliance'] } } } },
      'must be a full group ref',
    ],
    [
      { p: { environments: { dev: { minApprovals: 1 } } } },
      'releaseOrchestration.policies.p.environments.dev.minApprovals: 1 approvals need at least one approver group',
    ],
    [
      { p: { environments: { production: { rollback: { approvers: [] } } } } },
      'releaseOrchestration.policies.p.environments.production.rollback.minApprovals',
    ],
  ])('refuses %j at start-up with the key named', (policies, message) => {
    expect(() => read(policies)).toThrow(message);
  });
});
