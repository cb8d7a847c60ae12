import { importRecords, splitBySystem } from './importScenario';

describe('splitBySystem', () => {
  it('puts every record of a System, incidents too, in one stream, in their order', () => {
    const records = importRecords(1000, { systems: 5, perSystem: 2, run: 't' });
    const streams = splitBySystem(records, 2);
    expect(streams.flat()).toHaveLength(records.length);
    const systemsOf = streams.map(
      stream =>
        new Set(
          stream.map(r => {
            const report = r.report as { component?: string; system?: string };
            return /(\d+)/.exec(
              (report.system ?? report.component ?? '').split('/')[1],
            )?.[1];
          }),
        ),
    );
    expect([...systemsOf[0]].filter(s => systemsOf[1].has(s))).toEqual([]);
    expect(systemsOf[0].size + systemsOf[1].size).toBe(5);
    for (const stream of streams) {
      expect(stream).toEqual(records.filter(r => stream.includes(r)));
    }
    expect(
      streams.some(stream => stream.some(r => r.kind === 'incident')),
    ).toBe(true);
  });
});
