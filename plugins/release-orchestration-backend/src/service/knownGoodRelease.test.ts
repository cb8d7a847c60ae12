import { ReleaseDeploymentRecord } from '../database/deploymentStoreTypes';
import { currentRelease, knownGoodRelease } from './knownGoodRelease';

let n = 0;
/** A succeeded release deployment; the list is newest first, as the store returns it. */
function deployed(
  releaseId: string,
  extra: Partial<ReleaseDeploymentRecord> = {},
): ReleaseDeploymentRecord {
  n += 1;
  return {
    deploymentId: `d${n}`,
    environment: 'production',
    releaseId,
    releaseVersion: releaseId.toUpperCase(),
    rollback: false,
    finishedAt: `2026-11-${String(n).padStart(2, '0')}T00:00:00.000Z`,
    deployer: 'service:cd',
    whole: true,
    ...extra,
  };
}

describe('knownGoodRelease', () => {
  it('is the newest whole release, skipping rolled-back, partial and excluded ones', () => {
    const r1 = deployed('r1');
    const r2 = deployed('r2');
    const back = deployed('r1', { rollback: true });
    const partial = deployed('r3', { whole: false });
    const history = [partial, back, r2, r1];
    expect(currentRelease(history)?.id).toBe('r3');
    expect(knownGoodRelease(history)).toEqual({
      id: 'r1',
      version: 'R1',
      deploymentId: back.deploymentId,
      deployedAt: back.finishedAt,
      deployer: 'service:cd',
      rollback: true,
    });
    expect(knownGoodRelease(history, new Set(['r1']))).toBeUndefined();
    const again = deployed('r2');
    expect(knownGoodRelease([again, ...history])?.id).toBe('r2');
    expect(knownGoodRelease([])).toBeUndefined();
    expect(currentRelease([])).toBeUndefined();
  });
});
