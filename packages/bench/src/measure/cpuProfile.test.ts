import { frameName, topFrames } from './cpuProfile';

describe('topFrames', () => {
  const frame = (functionName: string, url = '', lineNumber = 0) => ({
    functionName,
    url,
    lineNumber,
  });

  it('charges the interval after each sample to the frame on top, largest first', () => {
    const result = topFrames(
      {
        nodes: [
          { id: 1, callFrame: frame('(root)') },
          {
            id: 2,
            callFrame: frame(
              'compile',
              'file:///work/main/node_modules/knex/lib/query/querycompiler.js',
              41,
            ),
          },
          {
            id: 3,
            callFrame: frame(
              'chainPending',
              'file:///work/main/plugins/release-orchestration-backend/src/database/DatabaseAuditStore.ts',
              129,
            ),
          },
          { id: 4, callFrame: frame('(idle)') },
        ],
        startTime: 0,
        endTime: 10_000,
        samples: [2, 3, 2, 4, 2],
        timeDeltas: [0, 1000, 2000, 3000, 4000],
      },
      3,
    );
    // 2 is followed by 1000 and 3000 µs, 3 by 2000, 4 by 4000, the last 2 by nothing.
    expect(result).toEqual({
      profiledSeconds: 0.01,
      top: [
        // A tie keeps the order first seen.
        {
          frame: 'compile knex/lib/query/querycompiler.js:42',
          selfMs: 4,
          share: 0.4,
        },
        { frame: '(idle)', selfMs: 4, share: 0.4 },
        {
          frame:
            'chainPending plugins/release-orchestration-backend/src/database/DatabaseAuditStore.ts:130',
          selfMs: 2,
          share: 0.2,
        },
      ],
    });
  });

  it('names anonymous and native frames', () => {
    expect(frameName(frame('', 'node:internal/streams/writable', 9))).toBe(
      '(anonymous) node:internal/streams/writable:10',
    );
    expect(frameName(frame('(garbage collector)'))).toBe('(garbage collector)');
  });
});
