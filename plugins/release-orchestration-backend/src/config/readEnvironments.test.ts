import { ConfigReader } from '@backstage/config';
import { readEnvironments } from './readEnvironments';

const read = (environments: any) =>
  readEnvironments(
    new ConfigReader({ releaseOrchestration: { environments } }),
  );

describe('readEnvironments', () => {
  it('defaults to dev, staging, production with payload-based promotion after the first lane', () => {
    const envs = readEnvironments(new ConfigReader({}));
    expect(envs.map(e => [e.name, e.requirePreviousEnvironment])).toEqual([
      ['dev', false],
      ['staging', true],
      ['production', true],
    ]);
  });

  it('reads policies and normalises approver refs', () => {
    const [dev, prod] = read([
      { name: 'dev' },
      {
        name: 'prod',
        title: 'Production',
        approvers: ['Group:default/Release-Managers'],
        separationOfDuties: true,
        requiredEvidence: ['unit-tests'],
      },
    ]);
    const devPolicy = {
      approvers: [],
      minApprovals: 0,
      separationOfDuties: false,
      requiredEvidence: [],
      requirePreviousEnvironment: false,
    };
    expect(dev).toEqual({
      name: 'dev',
      title: 'Dev',
      after: [],
      ...devPolicy,
      rollback: devPolicy,
    });
    const prodPolicy = {
      approvers: ['group:default/release-managers'],
      minApprovals: 1,
      separationOfDuties: true,
      requiredEvidence: ['unit-tests'],
      requirePreviousEnvironment: true,
    };
    expect(prod).toEqual({
      name: 'prod',
      title: 'Production',
      after: ['dev'],
      ...prodPolicy,
      rollback: { ...prodPolicy, requirePreviousEnvironment: false },
    });
  });

  it("layers a lane's rollback block over its policy", () => {
    const [, prod] = read([
      { name: 'staging' },
      {
        name: 'production',
        approvers: ['group:default/release-managers'],
        minApprovals: 2,
        requiredEvidence: ['unit-tests', 'security-scan'],
        rollback: { minApprovals: 1, requiredEvidence: [] },
      },
    ]);
    expect(prod.minApprovals).toBe(2);
    expect(prod.rollback).toEqual({
      approvers: ['group:default/release-managers'],
      minApprovals: 1,
      separationOfDuties: false,
      requiredEvidence: [],
      requirePreviousEnvironment: false,
    });
  });

  it.each([
    [
      [{ name: 'Prod!' }],
      "releaseOrchestration.environments[0].name: 'Prod!' must be lower-case",
    ],
    [
      [{ name: 'a' }, { name: 'a' }],
      "releaseOrchestration.environments[1].name: 'a' is listed twice",
    ],
    [
      [{ name: 'a', approvers: ['release-managers'] }],
      'must be a full group ref',
    ],
    [[{ name: 'a', minApprovals: 2 }], 'need at least one approver group'],
    [
      [{ name: 'a', approvers: ['group:default/x'], minApprovals: -1 }],
      'must be a whole number',
    ],
    [
      [
        {
          name: 'a',
          approvers: ['group:default/x'],
          rollback: { approvers: [], minApprovals: 1 },
        },
      ],
      'environments[0].rollback.minApprovals: 1 approvals need at least one approver group',
    ],
    [
      [{ name: 'a', requiredEvidence: ['Unit Tests'] }],
      "environments[0].requiredEvidence: 'Unit Tests' must be lower-case",
    ],
  ])('refuses %j at start-up with the key named', (environments, message) => {
    expect(() => read(environments)).toThrow(message);
  });
});
