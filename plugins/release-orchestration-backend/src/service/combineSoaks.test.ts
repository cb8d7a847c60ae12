import { combineSoaks } from './combineSoaks';

const soaking = (readyAt: string) => ({
  state: 'soaking' as const,
  since: '2026-12-01T00:00:00.000Z',
  readyAt,
  remainingSeconds: 60,
});
const done = (readyAt: string) => ({
  state: 'done' as const,
  since: '2026-12-01T00:00:00.000Z',
  readyAt,
});

describe('combineSoaks', () => {
  it('is undefined for no lanes and the one soak for one lane', () => {
    expect(combineSoaks([])).toBeUndefined();
    expect(combineSoaks([{ state: 'held' }])).toEqual({ state: 'held' });
  });

  it('takes the soak furthest from done across the lanes before', () => {
    const a = '2026-12-01T02:00:00.000Z';
    const b = '2026-12-01T03:00:00.000Z';
    expect(combineSoaks([done(a), soaking(b), soaking(a)])).toEqual(soaking(b));
    expect(combineSoaks([soaking(b), { state: 'held' }])).toEqual({
      state: 'held',
    });
    expect(combineSoaks([{ state: 'held' }, { state: 'not-started' }])).toEqual(
      { state: 'not-started' },
    );
    expect(combineSoaks([done(b), done(a)])).toEqual(done(b));
  });
});
