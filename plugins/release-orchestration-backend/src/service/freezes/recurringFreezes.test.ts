import {
  describeSchedule,
  localTimeToInstant,
  RecurringFreeze,
  recurringFreezeState,
  RecurringFreezeSchedule,
} from './recurringFreezes';

const weekend: RecurringFreeze = {
  name: 'weekend',
  environments: ['production'],
  systems: [],
  timeZone: 'Europe/Berlin',
  every: ['fri'],
  from: { hour: 16, minute: 0 },
  until: { weekday: 'mon', hour: 8, minute: 0 },
  exceptions: [],
};

const morning: RecurringFreeze = {
  name: 'morning',
  environments: ['staging', 'production'],
  systems: ['system:default/payments'],
  timeZone: 'America/New_York',
  every: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
  from: { hour: 9, minute: 0 },
  until: { hour: 11, minute: 0 },
  exceptions: [],
};

function iso(d: Date | undefined) {
  return d?.toISOString();
}

describe('localTimeToInstant', () => {
  it('uses the offset in force on the day, on both sides of a switch', () => {
    expect(
      iso(
        localTimeToInstant(
          'Europe/Berlin',
          { year: 2026, month: 3, day: 28 },
          { hour: 12, minute: 0 },
        ),
      ),
    ).toBe('2026-03-28T11:00:00.000Z');
    expect(
      iso(
        localTimeToInstant(
          'Europe/Berlin',
          { year: 2026, month: 3, day: 29 },
          { hour: 12, minute: 0 },
        ),
      ),
    ).toBe('2026-03-29T10:00:00.000Z');
    expect(
      iso(
        localTimeToInstant(
          'America/New_York',
          { year: 2026, month: 11, day: 1 },
          { hour: 12, minute: 0 },
        ),
      ),
    ).toBe('2026-11-01T17:00:00.000Z');
    expect(
      iso(
        localTimeToInstant(
          'America/New_York',
          { year: 2026, month: 10, day: 31 },
          { hour: 12, minute: 0 },
        ),
      ),
    ).toBe('2026-10-31T16:00:00.000Z');
  });

  it('moves a time in the spring-forward gap forward by the gap, and takes the first of a repeated time', () => {
    // Berlin 2026-03-29: 02:00 CET -> 03:00 CEST; 02:30 does not exist and is 03:30 CEST.
    expect(
      iso(
        localTimeToInstant(
          'Europe/Berlin',
          { year: 2026, month: 3, day: 29 },
          { hour: 2, minute: 30 },
        ),
      ),
    ).toBe('2026-03-29T01:30:00.000Z');
    // Berlin 2026-10-25: 03:00 CEST -> 02:00 CET; 02:30 happens twice, the first is 02:30 CEST.
    expect(
      iso(
        localTimeToInstant(
          'Europe/Berlin',
          { year: 2026, month: 10, day: 25 },
          { hour: 2, minute: 30 },
        ),
      ),
    ).toBe('2026-10-25T00:30:00.000Z');
  });
});

describe('recurringFreezeState', () => {
  it('is in force from Friday 16:00 to Monday 08:00 Berlin time, across the October switch', () => {
    // Friday 2026-10-23 16:00 CEST = 14:00Z; Monday 2026-10-26 08:00 CET = 07:00Z (clocks went back on Sunday).
    const inside = recurringFreezeState(
      weekend,
      new Date('2026-10-25T12:00:00Z'),
    );
    expect(iso(inside.current?.start)).toBe('2026-10-23T14:00:00.000Z');
    expect(iso(inside.current?.end)).toBe('2026-10-26T07:00:00.000Z');
    expect(iso(inside.nextClosesAt)).toBe('2026-10-26T07:00:00.000Z');
    expect(iso(inside.nextOpensAt)).toBe('2026-10-30T15:00:00.000Z');
    expect(
      inside.current!.end.getTime() - inside.current!.start.getTime(),
    ).toBe((64 + 1) * 3600_000);

    expect(
      recurringFreezeState(weekend, new Date('2026-10-23T13:59:59Z')).current,
    ).toBeUndefined();
    expect(
      recurringFreezeState(weekend, new Date('2026-10-23T14:00:00Z')).current,
    ).toBeDefined();
    expect(
      recurringFreezeState(weekend, new Date('2026-10-26T06:59:59Z')).current,
    ).toBeDefined();
    const after = recurringFreezeState(
      weekend,
      new Date('2026-10-26T07:00:00Z'),
    );
    expect(after.current).toBeUndefined();
    expect(iso(after.nextOpensAt)).toBe('2026-10-30T15:00:00.000Z');
    expect(iso(after.nextClosesAt)).toBe('2026-11-02T07:00:00.000Z');
  });

  it('is in force from Friday 16:00 CET to Monday 08:00 CEST across the March switch', () => {
    const state = recurringFreezeState(
      weekend,
      new Date('2026-03-29T01:30:00Z'),
    );
    expect(iso(state.current?.start)).toBe('2026-03-27T15:00:00.000Z');
    expect(iso(state.current?.end)).toBe('2026-03-30T06:00:00.000Z');
    expect(state.current!.end.getTime() - state.current!.start.getTime()).toBe(
      (64 - 1) * 3600_000,
    );
    expect(
      recurringFreezeState(weekend, new Date('2026-03-30T06:00:00Z')).current,
    ).toBeUndefined();
    expect(
      recurringFreezeState(weekend, new Date('2026-03-30T05:59:00Z')).current,
    ).toBeDefined();
  });

  it('keeps a daily window at the same local time in New York across the November switch', () => {
    const before = recurringFreezeState(
      morning,
      new Date('2026-10-31T14:00:00Z'),
    );
    expect(iso(before.current?.start)).toBe('2026-10-31T13:00:00.000Z');
    expect(iso(before.nextClosesAt)).toBe('2026-10-31T15:00:00.000Z');
    expect(iso(before.nextOpensAt)).toBe('2026-11-01T14:00:00.000Z');
    // 2026-11-01 09:30 EST = 14:30Z: in force; 13:30Z is 08:30 EST, not yet.
    expect(
      iso(
        recurringFreezeState(morning, new Date('2026-11-01T14:30:00Z')).current
          ?.end,
      ),
    ).toBe('2026-11-01T16:00:00.000Z');
    const early = recurringFreezeState(
      morning,
      new Date('2026-11-01T13:30:00Z'),
    );
    expect(early.current).toBeUndefined();
    expect(iso(early.nextOpensAt)).toBe('2026-11-01T14:00:00.000Z');
    expect(iso(early.nextClosesAt)).toBe('2026-11-01T16:00:00.000Z');
  });

  it('keeps a daily window at the same local time in New York across the March switch', () => {
    // 2026-03-08: EST -> EDT at 02:00. 09:00 EST on the 7th is 14:00Z, 09:00 EDT on the 8th is 13:00Z.
    const state = recurringFreezeState(
      morning,
      new Date('2026-03-07T20:00:00Z'),
    );
    expect(state.current).toBeUndefined();
    expect(iso(state.nextOpensAt)).toBe('2026-03-08T13:00:00.000Z');
    expect(iso(state.nextClosesAt)).toBe('2026-03-08T15:00:00.000Z');
  });

  it('skips an opening on an exception date', () => {
    const state = recurringFreezeState(
      { ...weekend, exceptions: ['2026-10-30'] },
      new Date('2026-10-27T12:00:00Z'),
    );
    expect(state.current).toBeUndefined();
    expect(iso(state.nextOpensAt)).toBe('2026-11-06T15:00:00.000Z');
    expect(
      recurringFreezeState(
        { ...weekend, exceptions: ['2026-10-30'] },
        new Date('2026-10-31T12:00:00Z'),
      ).current,
    ).toBeUndefined();
  });

  it('closes an overnight window the next day and merges openings that touch', () => {
    const nights: RecurringFreeze = {
      ...morning,
      timeZone: 'UTC',
      every: ['mon', 'tue'],
      from: { hour: 22, minute: 0 },
      until: { hour: 6, minute: 0 },
    };
    // Monday 2026-12-07 22:00 to Tuesday 06:00, then Tuesday 22:00 to Wednesday 06:00.
    const state = recurringFreezeState(
      nights,
      new Date('2026-12-08T03:00:00Z'),
    );
    expect(iso(state.current?.start)).toBe('2026-12-07T22:00:00.000Z');
    expect(iso(state.nextClosesAt)).toBe('2026-12-08T06:00:00.000Z');
    expect(iso(state.nextOpensAt)).toBe('2026-12-08T22:00:00.000Z');

    const always: RecurringFreeze = {
      ...nights,
      every: ['fri'],
      until: { weekday: 'fri', hour: 22, minute: 0 },
    };
    const week = recurringFreezeState(always, new Date('2026-12-08T03:00:00Z'));
    expect(week.current).toBeDefined();
    expect(
      week.current!.end.getTime() - week.current!.start.getTime(),
    ).toBeGreaterThan(30 * 86_400_000);
  });
});

describe('describeSchedule', () => {
  it('says when the window opens and closes, in which time zone', () => {
    expect(describeSchedule(weekend)).toBe(
      'every Friday 16:00 - Monday 08:00 Europe/Berlin',
    );
    expect(describeSchedule(morning)).toBe(
      'every day 09:00 - 11:00 America/New_York',
    );
    expect(
      describeSchedule({
        ...morning,
        every: ['mon', 'tue'],
        from: { hour: 22, minute: 0 },
        until: { hour: 6, minute: 0 },
        timeZone: 'UTC',
      }),
    ).toBe('every Monday, Tuesday 22:00 - 06:00 the next day UTC');
  });
});

describe('RecurringFreezeSchedule', () => {
  const schedule = new RecurringFreezeSchedule([weekend, morning]);

  it('gives each lane a freeze window naming the recurring window, in force or next', () => {
    const at = new Date('2026-10-25T12:00:00Z');
    const windows = schedule.windowsAt(at);
    expect(windows.map(w => w.id)).toEqual([
      'recurring:weekend:production',
      'recurring:morning:staging',
      'recurring:morning:production',
    ]);
    expect(windows[0]).toEqual({
      id: 'recurring:weekend:production',
      environment: 'production',
      systems: [],
      start: '2026-10-23T14:00:00.000Z',
      end: '2026-10-26T07:00:00.000Z',
      reason:
        'Recurring: weekend, every Friday 16:00 - Monday 08:00 Europe/Berlin',
      createdBy: 'app-config',
      createdAt: '2026-10-23T14:00:00.000Z',
      recurring: {
        name: 'weekend',
        schedule: 'every Friday 16:00 - Monday 08:00 Europe/Berlin',
        timeZone: 'Europe/Berlin',
        nextOpensAt: '2026-10-30T15:00:00.000Z',
        nextClosesAt: '2026-10-26T07:00:00.000Z',
      },
    });
    expect(schedule.windowsAt(at, 'staging').map(w => w.id)).toEqual([
      'recurring:morning:staging',
    ]);
  });

  it('holds a lane only while a window is in force, and only for the Systems it covers', () => {
    // 2026-10-26 14:00Z is 10:00 in New York (EDT) and Monday 15:00 in Berlin.
    const at = new Date('2026-10-26T14:00:00Z');
    expect(
      schedule
        .activeAt('production', at, 'system:default/payments')
        .map(w => w.id),
    ).toEqual(['recurring:morning:production']);
    expect(
      schedule.activeAt('production', at, 'system:default/search'),
    ).toEqual([]);
    expect(schedule.activeAt('dev', at, 'system:default/payments')).toEqual([]);
    expect(
      schedule
        .activeAt(
          'production',
          new Date('2026-10-24T12:00:00Z'),
          'system:default/search',
        )
        .map(w => w.id),
    ).toEqual(['recurring:weekend:production']);
  });
});
