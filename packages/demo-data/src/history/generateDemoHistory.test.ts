import { DELIVERY_PROFILES } from '../demo/deliveryProfiles';
import { NAMED_SCENARIOS } from '../demo/demoOrg';
import { generateDemoHistory } from './generateDemoHistory';

const DAY = 86_400_000;
const now = new Date('2026-11-23T12:00:00.000Z');
const systems = [
  {
    systemRef: 'system:default/payments',
    componentRefs: [
      'component:default/payments-api',
      'component:default/ledger',
    ],
    profile: NAMED_SCENARIOS['system:default/payments'].profile,
  },
  {
    systemRef: 'system:default/checkout',
    componentRefs: ['component:default/cart'],
    profile: NAMED_SCENARIOS['system:default/checkout'].profile,
  },
];

describe('generateDemoHistory', () => {
  it('is deterministic and stays inside the last 90 days, every release built from earlier builds', () => {
    const a = generateDemoHistory(systems, now);
    expect(generateDemoHistory(systems, now)).toEqual(a);
    const from = now.getTime() - 90 * DAY;
    for (const b of a.builds) {
      expect(Date.parse(b.createdAt)).toBeGreaterThanOrEqual(from);
      expect(Date.parse(b.createdAt)).toBeLessThan(now.getTime());
      expect(b.commits.length).toBeGreaterThan(0);
      expect(b.commitSha).toBe(b.commits[b.commits.length - 1].sha);
      expect(b.commitTime < b.createdAt).toBe(true);
    }
    const byId = new Map(a.builds.map(b => [b.id, b]));
    for (const r of a.releases) {
      const system = systems.find(s => s.systemRef === r.systemRef)!;
      expect(r.components).toHaveLength(system.componentRefs.length);
      for (const c of r.components) {
        expect(byId.get(c.buildId)!.createdAt < r.createdAt).toBe(true);
      }
    }
    expect(
      a.releases.filter(r => r.systemRef === 'system:default/payments').length,
    ).toBeGreaterThanOrEqual(5);
  });

  it("leaves a System's history alone when other Systems are added", () => {
    const alone = generateDemoHistory([systems[0]], now);
    const both = generateDemoHistory(systems, now);
    expect(
      both.builds.filter(b => b.componentRef.includes('payments-api')),
    ).toEqual(
      alone.builds.filter(b => b.componentRef.includes('payments-api')),
    );
  });

  it('releases as often as the profile says: elite about daily or more, low about monthly', () => {
    const count = (level: keyof typeof DELIVERY_PROFILES) =>
      generateDemoHistory(
        [
          {
            systemRef: `system:default/${level}`,
            componentRefs: ['api', 'worker', 'web'].map(
              c => `component:default/${level}-${c}`,
            ),
            profile: DELIVERY_PROFILES[level],
          },
        ],
        now,
      ).releases.length;
    expect(count('elite')).toBeGreaterThan(100);
    expect(count('high')).toBeLessThan(40);
    expect(count('high')).toBeGreaterThanOrEqual(15);
    expect(count('medium')).toBeGreaterThanOrEqual(6);
    expect(count('medium')).toBeLessThanOrEqual(11);
    expect(count('low')).toBeGreaterThanOrEqual(1);
    expect(count('low')).toBeLessThanOrEqual(3);
  });
});
