import { EnvironmentState } from '@release-orchestration/plugin-release-orchestration-common';
import {
  freshEnvironments,
  paymentsLanes,
} from '../__testUtils__/environmentFixtures';
import {
  componentLaneCell,
  componentRows,
  incomingChangeCount,
  nothingDeployed,
} from './environmentMatrix';
import { testId } from '../__testUtils__/testId';

const [dev, staging, production] = paymentsLanes;
const api = 'component:default/payments-api';
const worker = 'component:default/payments-worker';
const ledger = 'component:default/payments-ledger';

describe('componentLaneCell', () => {
  it("takes the release's version as expected for a component running in line with it", () => {
    expect(componentLaneCell(dev, api)).toMatchObject({
      running: { version: '1.4.0' },
      expectedVersion: '1.4.0',
      unknown: false,
    });
    expect(componentLaneCell(dev, api).drift).toBeUndefined();
  });

  it('reports the expected version of a drifted component, and none for one outside the release', () => {
    expect(componentLaneCell(staging, api)).toMatchObject({
      running: { version: '1.4.0' },
      expectedVersion: '1.3.0',
      drift: { reason: 'version-differs' },
    });
    const outside = componentLaneCell(staging, worker);
    expect(outside.expectedVersion).toBeUndefined();
    expect(outside.drift?.reason).toBe('not-in-release');
  });

  it('has neither running nor expected version for a component the lane does not have', () => {
    expect(componentLaneCell(production, ledger)).toEqual({
      environment: 'production',
      unknown: false,
    });
  });

  it('does not call what runs in a lane without a release "expected"', () => {
    const noRelease: EnvironmentState = {
      ...dev,
      currentRelease: undefined,
      drift: { state: 'drifted', components: [] },
    };
    expect(componentLaneCell(noRelease, api).expectedVersion).toBeUndefined();
  });

  it('marks lanes nothing was deployed to as unknown', () => {
    expect(componentLaneCell(freshEnvironments.environments[0], api)).toEqual({
      environment: 'dev',
      unknown: true,
    });
  });
});

describe('componentRows', () => {
  it('has one row per component seen running or expected in any lane, sorted, with a cell per lane', () => {
    const rows = componentRows(paymentsLanes);
    expect(rows.map(r => r.componentRef)).toEqual([
      api,
      ledger,
      'component:default/payments-legacy',
      worker,
    ]);
    expect(rows[0].cells.map(c => c.environment)).toEqual([
      'dev',
      'staging',
      'production',
    ]);
  });

  it('includes a component the release expects but that does not run', () => {
    const missing: EnvironmentState = {
      ...production,
      drift: {
        state: 'drifted',
        components: [
          {
            componentRef: 'component:default/payments-ui',
            reason: 'not-deployed',
            expectedVersion: '5.0.0',
            since: '2026-03-04T16:00:00.000Z',
            sinceDeploymentId: testId('dep-prd-2'),
          },
        ],
      },
    };
    const rows = componentRows([missing]);
    const ui = rows.find(
      r => r.componentRef === 'component:default/payments-ui',
    );
    expect(ui?.cells[0]).toMatchObject({
      expectedVersion: '5.0.0',
      drift: { reason: 'not-deployed' },
    });
    expect(ui?.cells[0].running).toBeUndefined();
  });

  it('is empty when nothing runs anywhere', () => {
    expect(componentRows(freshEnvironments.environments)).toEqual([]);
  });
});

describe('incomingChangeCount', () => {
  it('counts added, changed and removed components, not unchanged ones', () => {
    expect(incomingChangeCount(staging.incoming)).toBe(3);
    expect(incomingChangeCount(production.incoming)).toBe(0);
    expect(incomingChangeCount(undefined)).toBe(0);
  });
});

describe('nothingDeployed', () => {
  it('is true only when no lane has a release, a deployment or a running component', () => {
    expect(nothingDeployed(freshEnvironments.environments)).toBe(true);
    expect(nothingDeployed(paymentsLanes)).toBe(false);
    const [first, ...rest] = freshEnvironments.environments;
    const failedOnly = {
      ...first,
      lastDeployment: dev.lastDeployment!,
      running: [],
    };
    expect(nothingDeployed([failedOnly, ...rest])).toBe(false);
  });
});
