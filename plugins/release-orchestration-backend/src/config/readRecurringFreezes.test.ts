import { ConfigReader } from '@backstage/config';
import { readRecurringFreezes } from './readRecurringFreezes';

const lanes = ['dev', 'staging', 'production'];
const read = (recurringFreezes: any) =>
  readRecurringFreezes(
    new ConfigReader({ releaseOrchestration: { recurringFreezes } }),
    lanes,
  );

const weekend = {
  name: 'weekend',
  timeZone: 'Europe/Berlin',
  every: ['fri'],
  from: '16:00',
  until: 'mon 08:00',
};

describe('readRecurringFreezes', () => {
  it('reads none when the key is absent', () => {
    expect(readRecurringFreezes(new ConfigReader({}), lanes)).toEqual([]);
  });

  it('reads weekly and daily windows, every lane and System by default', () => {
    expect(
      read([
        { ...weekend, exceptions: ['2026-12-25'], reason: 'Nobody on call' },
        {
          name: 'mornings',
          environments: ['production'],
          systems: ['payments', 'system:default/Search'],
          timeZone: 'America/New_York',
          every: 'day',
          from: '09:00',
          until: '11:00',
        },
      ]),
    ).toEqual([
      {
        name: 'weekend',
        environments: lanes,
        systems: [],
        timeZone: 'Europe/Berlin',
        every: ['fri'],
        from: { hour: 16, minute: 0 },
        until: { weekday: 'mon', hour: 8, minute: 0 },
        exceptions: ['2026-12-25'],
        reason: 'Nobody on call',
      },
      {
        name: 'mornings',
        environments: ['production'],
        systems: ['system:default/payments', 'system:default/search'],
        timeZone: 'America/New_York',
        every: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
        from: { hour: 9, minute: 0 },
        until: { hour: 11, minute: 0 },
        exceptions: [],
      },
    ]);
  });

  it.each([
    [
      { ...weekend, timeZone: 'Europe/Berln' },
      "recurringFreezes[0].timeZone: 'Europe/Berln' is not a known IANA time zone",
    ],
    [
      { ...weekend, every: ['friday', 'someday'] },
      "recurringFreezes[0].every[1]: 'someday' must be a day of the week",
    ],
    [
      { ...weekend, every: [] },
      "recurringFreezes[0].every: must be 'day' or a non-empty list",
    ],
    [
      { ...weekend, from: '4pm' },
      "recurringFreezes[0].from: '4pm' must be a 24-hour time HH:MM",
    ],
    [
      { ...weekend, until: 'monday 25:00' },
      "recurringFreezes[0].until: '25:00' must be a 24-hour time",
    ],
    [
      { ...weekend, until: '16:00' },
      "recurringFreezes[0].until: '16:00' is the same time as from",
    ],
    [
      { ...weekend, environments: ['prod'] },
      "recurringFreezes[0].environments[0]: 'prod' is not a configured environment; the lanes are dev, staging, production",
    ],
    [
      { ...weekend, systems: ['component:default/api'] },
      "recurringFreezes[0].systems[0]: 'component:default/api' must be a System ref",
    ],
    [
      { ...weekend, exceptions: ['2026-02-30'] },
      "recurringFreezes[0].exceptions[0]: '2026-02-30' must be a date YYYY-MM-DD",
    ],
    [
      { ...weekend, name: 'Weekend!' },
      "recurringFreezes[0].name: 'Weekend!' must be lower-case letters",
    ],
  ])('refuses %j naming the key', (entry, message) => {
    expect(() => read([entry])).toThrow(`releaseOrchestration.${message}`);
  });

  it('refuses a name listed twice', () => {
    expect(() => read([weekend, weekend])).toThrow(
      "releaseOrchestration.recurringFreezes[1].name: 'weekend' is listed twice",
    );
  });
});
