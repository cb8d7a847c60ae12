import { queueItems } from '../__testUtils__/promotionFixtures';
import { explainRisk } from './explainRisk';

describe('explainRisk', () => {
  it('states the declared class, then what raises it', () => {
    const [payments] = queueItems;
    expect(
      explainRisk(payments, 'Production', [
        {
          componentRef: 'component:default/api',
          change: 'changed',
          fromVersion: '1',
          toVersion: '2',
        },
        {
          componentRef: 'component:default/web',
          change: 'unchanged',
          fromVersion: '3',
          toVersion: '3',
        },
      ]),
    ).toEqual([
      `Declared ${payments.release.riskClass} risk by ${
        payments.release.createdBy.split('/')[1]
      } when the release was cut.`,
      'Required evidence not passed: security-scan.',
      '1 evidence record ended with a warning.',
      'It changes 1 of 2 components in Production.',
    ]);
  });

  it('names rollbacks, emergency overrides, failures and a first release to the lane', () => {
    const [, checkout] = queueItems;
    const item = {
      ...checkout,
      promotion: {
        ...checkout.promotion,
        rollback: true,
        emergencyOverride: {
          justification: 'Outage',
          by: 'user:default/rita',
          freezeIds: [],
        },
      },
      evidence: { counts: { pass: 1, fail: 2, warn: 0 }, missingRequired: [] },
    } as typeof checkout;
    const reasons = explainRisk(item, 'Staging', [
      {
        componentRef: 'component:default/api',
        change: 'added',
        toVersion: '2',
      },
    ]);
    expect(reasons.slice(1)).toEqual([
      'A rollback: it returns Staging to a release that ran there before.',
      'Requested with an emergency override of a freeze: “Outage”.',
      ...(checkout.promotion.policy.requiredEvidence.length > 0
        ? ['All required evidence passed.']
        : []),
      '2 evidence records failed.',
      'Nothing was released to Staging before: every component is new there.',
    ]);
    expect(explainRisk(checkout, 'Staging', [])).toContain(
      'It changes no component in Staging.',
    );
    expect(
      explainRisk(checkout, 'Staging').some(r => r.includes('component')),
    ).toBe(false);
  });
});
