import { ConfigReader } from '@backstage/config';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { grantScope } from './isGranted';
import { readAccessGrants } from './readAccessGrants';

// The grants the demo portal ships with, read from the repository's app-config.yaml.
const appConfig = parse(
  fs.readFileSync(
    path.resolve(__dirname, '../../../../app-config.yaml'),
    'utf8',
  ),
);
const grants = readAccessGrants(new ConfigReader(appConfig));

const releaseManager = new Set([
  'user',
  'user:default/erin',
  'group:default/release-managers',
]);
const developer = new Set([
  'user',
  'user:default/alice',
  'group:default/payments-team',
]);
// The CI token's restrictions: Backstage decides a service principal by these alone.
const ciRestrictions: Array<{ plugin: string; permission?: string[] }> =
  appConfig.backend.auth.externalAccess[0].accessRestrictions;
const ciMay = (name: string) =>
  ciRestrictions.some(
    r => r.plugin === 'release-orchestration' && r.permission?.includes(name),
  );

describe('the access in app-config.yaml', () => {
  it.each([
    ['release-orchestration.release.read', 'all', 'all', true],
    ['release-orchestration.release.create', 'all', 'owner', true],
    ['release-orchestration.build.report', 'all', undefined, true],
    ['release-orchestration.deployment.report', 'all', undefined, true],
    ['release-orchestration.incident.report', 'all', undefined, true],
    ['release-orchestration.evidence.create', 'all', 'owner', true],
    ['release-orchestration.promotion.create', 'all', 'owner', true],
    // Any signed-in user may vote; the lane's policy decides whose vote counts.
    ['release-orchestration.promotion.approve', 'all', 'all', false],
    ['release-orchestration.freeze.manage', 'all', undefined, false],
    ['release-orchestration.freeze.manage-all', 'all', undefined, false],
    ['release-orchestration.freeze.override', 'all', undefined, false],
  ])(
    '%s: release manager %s, developer %s, CI token %s',
    (name, rm, dev, service) => {
      expect(grantScope(grants, name, releaseManager)).toBe(rm);
      expect(grantScope(grants, name, developer)).toBe(dev);
      expect(ciMay(name)).toBe(service);
    },
  );

  it('restricts the CI token to the plugin with a permission list (no attribute-only restriction)', () => {
    expect(ciRestrictions).toHaveLength(1);
    expect(ciRestrictions[0].plugin).toBe('release-orchestration');
    expect(ciRestrictions[0].permission?.length).toBeGreaterThan(0);
  });
});
