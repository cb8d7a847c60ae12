import { ConfigReader } from '@backstage/config';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { isGranted } from './isGranted';
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
const ci = new Set(['service']);

describe('the access grants in app-config.yaml', () => {
  it.each([
    ['release-orchestration.release.read', true, true, true],
    ['release-orchestration.release.create', true, true, true],
    ['release-orchestration.build.report', true, false, true],
    ['release-orchestration.deployment.report', true, false, true],
    ['release-orchestration.incident.report', true, false, true],
    ['release-orchestration.evidence.create', true, true, true],
    ['release-orchestration.promotion.create', true, true, true],
    // Any signed-in user may vote; the lane's policy decides whose vote counts.
    ['release-orchestration.promotion.approve', true, true, false],
    ['release-orchestration.freeze.manage', true, false, false],
    ['release-orchestration.freeze.override', true, false, false],
  ])(
    '%s: release manager %s, developer %s, CI %s',
    (name, rm, dev, service) => {
      expect(isGranted(grants, name, releaseManager)).toBe(rm);
      expect(isGranted(grants, name, developer)).toBe(dev);
      expect(isGranted(grants, name, ci)).toBe(service);
    },
  );
});
