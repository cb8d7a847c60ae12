import { formatDateTime, plainMessage } from './plainWords';

const lanes = [
  { name: 'dev', title: 'Development' },
  { name: 'staging', title: 'Staging' },
  { name: 'production', title: 'Production' },
];

describe('plainMessage', () => {
  it('turns a freeze refusal into plain words: date with its zone, no field or permission names', () => {
    const text = plainMessage(
      'production is frozen until 2026-12-24T18:00:00.000Z (Year-end); wait for the freeze to end, or give an emergencyOverride with a justification (needs release-orchestration.freeze.override)',
      { lanes, timeZone: 'UTC' },
    );
    expect(text).toBe(
      'Production is frozen until Thu, 24 Dec 2026, 18:00 UTC (Year-end); wait for the freeze to end, or ask for an emergency override with a justification',
    );
    expect(text).not.toMatch(
      /emergencyOverride|release-orchestration\.|T18:00/,
    );
  });

  it('names entities and lanes, drops ids and repeated lane names', () => {
    expect(
      plainMessage(
        'release 1.0.0 of system:default/shop already has an open promotion into production (3f1e4a2b-1c2d-4e5f-8a9b-0c1d2e3f4a5b, pending_approval); wait for it to finish or cancel it first',
        { lanes },
      ),
    ).toBe(
      'Release 1.0.0 of shop already has an open promotion into Production (pending approval); wait for it to finish or cancel it first',
    );
    expect(
      plainMessage(
        'release 1.0.0 of system:default/shop has not succeeded in Development (dev) yet; promote it there first, staging only takes a release that succeeded in the previous environment',
        { lanes },
      ),
    ).toBe(
      'Release 1.0.0 of shop has not succeeded in Development yet; promote it there first, Staging only takes a release that succeeded in the previous environment',
    );
    expect(
      plainMessage(
        "system:default/shop selects the policy 'strict' (annotation release-orchestration.io/policy), which app-config does not define",
      ),
    ).toBe(
      "Shop selects the policy 'strict', which app-config does not define",
    );
  });

  it('leaves words that only contain a lane name alone', () => {
    expect(plainMessage('devices in dev1 are fine', { lanes })).toBe(
      'Devices in dev1 are fine',
    );
  });
});

describe('formatDateTime', () => {
  it('writes the day, the year and the time zone', () => {
    expect(formatDateTime('2026-12-06T14:05:00Z', 'UTC')).toBe(
      'Sun, 6 Dec 2026, 14:05 UTC',
    );
    expect(formatDateTime('2026-12-06T14:05:00Z', 'Europe/Berlin')).toMatch(
      /^Sun, 6 Dec 2026, 15:05 (CET|GMT\+1)$/,
    );
    expect(formatDateTime('not a date')).toBe('not a date');
  });
});
