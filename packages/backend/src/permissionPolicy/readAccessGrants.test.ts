import { ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import { defaultAccessGrants } from './AccessGrant';
import { readAccessGrants } from './readAccessGrants';

const withGrants = (grants: JsonValue) =>
  new ConfigReader({ releaseOrchestrationAccess: { grants } });

describe('readAccessGrants', () => {
  it('falls back to the defaults when nothing is configured', () => {
    expect(readAccessGrants(new ConfigReader({}))).toBe(defaultAccessGrants);
  });

  it('normalises entity refs and keeps the keywords', () => {
    expect(
      readAccessGrants(
        withGrants([
          {
            permissions: ['release-orchestration.*'],
            members: [
              'Group:Default/Release-Managers',
              'group:platform-team',
              'user',
            ],
          },
          {
            permissions: ['release-orchestration.promotion.create'],
            members: ['user'],
            scope: 'owner',
          },
        ]),
      ),
    ).toEqual([
      {
        permissions: ['release-orchestration.*'],
        members: [
          'group:default/release-managers',
          'group:default/platform-team',
          'user',
        ],
        scope: 'all',
      },
      {
        permissions: ['release-orchestration.promotion.create'],
        members: ['user'],
        scope: 'owner',
      },
    ]);
  });

  it('refuses service grants: CI tokens are restricted by externalAccess, not by the policy', () => {
    expect(() =>
      readAccessGrants(
        withGrants([
          {
            permissions: ['release-orchestration.build.report'],
            members: ['service'],
          },
        ]),
      ),
    ).toThrow(/accessRestrictions/);
  });

  it('rejects an unknown scope', () => {
    expect(() =>
      readAccessGrants(
        withGrants([
          {
            permissions: ['release-orchestration.*'],
            members: ['user'],
            scope: 'team',
          },
        ]),
      ),
    ).toThrow(/Invalid scope 'team'/);
  });

  it('rejects a member that is neither a keyword nor an entity ref', () => {
    expect(() =>
      readAccessGrants(
        withGrants([
          {
            permissions: ['release-orchestration.*'],
            members: ['release-managers'],
          },
        ]),
      ),
    ).toThrow(
      /Invalid member 'release-managers' at releaseOrchestrationAccess.grants\[0\].members/,
    );
  });

  it('rejects a wildcard anywhere but at the end', () => {
    expect(() =>
      readAccessGrants(
        withGrants([
          {
            permissions: ['release-orchestration.*.create'],
            members: ['user'],
          },
        ]),
      ),
    ).toThrow(/Invalid permission 'release-orchestration\.\*\.create'/);
  });

  it('rejects a grant without members', () => {
    expect(() =>
      readAccessGrants(
        withGrants([{ permissions: ['release-orchestration.*'] }]),
      ),
    ).toThrow(/members/);
  });
});
