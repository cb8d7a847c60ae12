import { doraFactsCsv } from './doraFactsCsv';

describe('doraFactsCsv', () => {
  it('writes a header and one line per row, quoting what needs it', () => {
    expect(
      doraFactsCsv([
        {
          kind: 'failure',
          deploymentId: 'd1',
          systemRef: 'system:default/shop',
          startedAt: '2026-11-03T11:00:00.000Z',
          restoredAt: '2026-11-03T14:00:00.000Z',
          seconds: 10800,
          incidents: [
            {
              id: 'i1',
              externalId: 'INC-1',
              source: 'api',
              title: 'Card "auth", failing',
              openedAt: '2026-11-03T11:00:00.000Z',
            },
            {
              id: 'i2',
              externalId: 'INC-2',
              source: 'api',
              title: 'x',
              openedAt: '2026-11-03T11:30:00.000Z',
            },
          ],
        },
        {
          kind: 'failure',
          deploymentId: 'd2',
          systemRef: 'system:default/a,b',
          startedAt: '2026-11-04T10:00:00.000Z',
          incidents: [],
        },
      ]),
    ).toBe(
      'deploymentId,systemRef,releaseId,startedAt,restoredAt,restoredBy,seconds,incidents\r\n' +
        'd1,system:default/shop,,2026-11-03T11:00:00.000Z,2026-11-03T14:00:00.000Z,,10800,INC-1 INC-2\r\n' +
        'd2,"system:default/a,b",,2026-11-04T10:00:00.000Z,,,,\r\n',
    );
  });

  it('lists failure and rework reasons of deployments', () => {
    const csv = doraFactsCsv([
      {
        kind: 'deployment',
        deploymentId: 'd5',
        systemRef: 'system:default/shop',
        deployedAt: '2026-11-05T12:00:00.000Z',
        status: 'succeeded',
        rollback: true,
        hotfix: false,
        failure: [],
        rework: ['rollback', 'restoredService'],
        incidentCount: 0,
        commitData: true,
      },
    ]);
    expect(csv.split('\r\n')[1]).toBe(
      'd5,system:default/shop,,,2026-11-05T12:00:00.000Z,succeeded,true,false,,rollback restoredService,,0,true',
    );
  });
});
