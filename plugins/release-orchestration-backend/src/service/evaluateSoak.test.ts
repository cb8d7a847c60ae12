import { evaluateSoak, formatDuration } from './evaluateSoak';

const twoHours = 2 * 3600;

describe('evaluateSoak', () => {
  it('counts from the first success and says when the soak is over', () => {
    const soaking = evaluateSoak({
      minSoakSeconds: twoHours,
      succeededAt: '2026-12-06T08:00:00.000Z',
      incidents: [],
      now: new Date('2026-12-06T08:35:00.000Z'),
    });
    expect(soaking).toEqual({
      state: 'soaking',
      since: '2026-12-06T08:00:00.000Z',
      readyAt: '2026-12-06T10:00:00.000Z',
      remainingSeconds: 85 * 60,
    });
    expect(
      evaluateSoak({
        minSoakSeconds: twoHours,
        succeededAt: '2026-12-06T08:00:00.000Z',
        incidents: [],
        now: new Date('2026-12-06T10:00:00.000Z'),
      }).state,
    ).toBe('done');
  });

  it('is held by an open incident and restarts when the last one is resolved', () => {
    const base = {
      minSoakSeconds: twoHours,
      succeededAt: '2026-12-06T08:00:00.000Z',
      now: new Date('2026-12-06T11:00:00.000Z'),
    };
    expect(
      evaluateSoak({
        ...base,
        incidents: [{ openedAt: '2026-12-06T08:30:00.000Z' }],
      }),
    ).toEqual({ state: 'held' });
    expect(
      evaluateSoak({
        ...base,
        incidents: [
          {
            openedAt: '2026-12-06T08:30:00.000Z',
            resolvedAt: '2026-12-06T09:30:00.000Z',
          },
          {
            openedAt: '2026-12-05T08:30:00.000Z',
            resolvedAt: '2026-12-05T09:30:00.000Z',
          },
        ],
      }),
    ).toEqual({
      state: 'soaking',
      since: '2026-12-06T09:30:00.000Z',
      readyAt: '2026-12-06T11:30:00.000Z',
      remainingSeconds: 30 * 60,
    });
  });

  it('has not started before the release succeeded in the lane', () => {
    expect(
      evaluateSoak({
        minSoakSeconds: twoHours,
        incidents: [],
        now: new Date(),
      }),
    ).toEqual({ state: 'not-started' });
  });

  it('formats durations for people', () => {
    expect([twoHours, 85 * 60, 30, 26 * 3600 + 60].map(formatDuration)).toEqual(
      ['2h', '1h 25m', '1m', '1d 2h 1m'],
    );
  });
});
