import { FreezeWindow } from '@release-orchestration/plugin-release-orchestration-common';
import { describeRecurringNext, freezeCovers, splitFreezes } from './freezes';

const freeze = (
  id: string,
  start: string,
  end: string,
  systems: string[] = [],
): FreezeWindow => ({
  id,
  environment: 'production',
  systems,
  start,
  end,
  reason: id,
  createdBy: 'user:default/carol',
  createdAt: '2026-01-01T00:00:00.000Z',
});

describe('freezes', () => {
  const now = new Date('2026-03-05T12:00:00.000Z');
  const all = [
    freeze('later', '2026-03-07T00:00:00.000Z', '2026-03-08T00:00:00.000Z'),
    freeze(
      'now-payments',
      '2026-03-05T00:00:00.000Z',
      '2026-03-06T00:00:00.000Z',
      ['system:default/payments'],
    ),
    freeze('ended', '2026-03-01T00:00:00.000Z', '2026-03-05T12:00:00.000Z'),
    freeze('now-all', '2026-03-04T00:00:00.000Z', '2026-03-09T00:00:00.000Z'),
  ];

  it('covers every System without a list, else only the listed ones', () => {
    expect(freezeCovers(all[0], 'system:default/checkout')).toBe(true);
    expect(freezeCovers(all[1], 'system:default/payments')).toBe(true);
    expect(freezeCovers(all[1], 'system:default/checkout')).toBe(false);
  });

  it('splits windows into in force and scheduled, by start, dropping ended ones (end is exclusive)', () => {
    const ids = (f: FreezeWindow[]) => f.map(x => x.id);
    const forAll = splitFreezes(all, { now });
    expect(ids(forAll.active)).toEqual(['now-all', 'now-payments']);
    expect(ids(forAll.upcoming)).toEqual(['later']);
    const checkout = splitFreezes(all, {
      now,
      systemRef: 'system:default/checkout',
    });
    expect(ids(checkout.active)).toEqual(['now-all']);
  });
});

describe('describeRecurringNext', () => {
  const weekend = (
    nextOpensAt: string,
    nextClosesAt: string,
  ): FreezeWindow => ({
    ...freeze(
      'recurring:weekend:production',
      '2026-10-23T14:00:00.000Z',
      '2026-10-26T07:00:00.000Z',
    ),
    recurring: {
      name: 'weekend',
      schedule: 'every Friday 16:00 - Monday 08:00 Europe/Berlin',
      timeZone: 'Europe/Berlin',
      nextOpensAt,
      nextClosesAt,
    },
  });

  it('says when a window in force closes and opens again, in its time zone', () => {
    expect(
      describeRecurringNext(
        weekend('2026-10-30T15:00:00.000Z', '2026-10-26T07:00:00.000Z'),
      ),
    ).toBe(
      'next closes Mon, 26 Oct 2026, 08:00 CET; next opens Fri, 30 Oct 2026, 16:00 CET',
    );
  });

  it('says when a window not in force opens, then closes', () => {
    expect(
      describeRecurringNext(
        weekend('2026-10-23T14:00:00.000Z', '2026-10-26T07:00:00.000Z'),
      ),
    ).toBe(
      'next opens Fri, 23 Oct 2026, 16:00 CEST; next closes Mon, 26 Oct 2026, 08:00 CET',
    );
  });

  it('is undefined for a one-off freeze', () => {
    expect(
      describeRecurringNext(
        freeze('f1', '2026-10-23T14:00:00.000Z', '2026-10-26T07:00:00.000Z'),
      ),
    ).toBeUndefined();
  });
});
