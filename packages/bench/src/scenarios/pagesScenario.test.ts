import { parseImportRecord } from '@release-orchestration/plugin-release-orchestration-common';
import { generateOrg } from '@release-orchestration/demo-data';
import { scalePlan } from '../model/scalePlan';
import { ndjsonBodies } from './importHttpScenario';
import { importRecords } from './importScenario';
import { catalogYaml, pageSpecs, pagesBackendConfig } from './pagesScenario';

describe('the pages part', () => {
  const org = generateOrg(scalePlan(0.01, { seed: 1 }));

  it('gives the catalog the installation: every Group, User, System and Component, the plugin enabled', () => {
    const docs = catalogYaml(org)
      .trim()
      .split('\n---\n')
      .map(d => JSON.parse(d));
    const kinds = (kind: string) => docs.filter(d => d.kind === kind);
    expect(kinds('Group')).toHaveLength(org.groups.length);
    expect(kinds('System')).toHaveLength(org.systems.length);
    expect(kinds('Component')).toHaveLength(
      org.systems.reduce((a, s) => a + s.components.length, 0),
    );
    expect(kinds('User').length).toBeGreaterThan(0);
    const system = kinds('System')[0];
    expect(system.metadata).toEqual({
      name: org.systems[0].ref.replace('system:default/', ''),
      namespace: 'default',
      annotations: { 'release-orchestration.io/enabled': 'true' },
    });
    expect(system.spec).toEqual({ owner: org.systems[0].owner });
    // The catalog derives relations; none are written, and no uid.
    expect(docs.every(d => !d.relations && !d.metadata.uid)).toBe(true);
    expect(kinds('Group').every(g => Array.isArray(g.spec.children))).toBe(
      true,
    );
  });

  it('points the plugin at the bench database and every other plugin at databases of their own', () => {
    const config = pagesBackendConfig({
      target: 'postgresql://postgres@127.0.0.1:5432/ro_bench_small',
      catalogFile: '/tmp/org.yaml',
      token: 't',
      port: 7360,
    });
    expect(config.backend.database).toEqual({
      client: 'pg',
      connection: { host: '127.0.0.1', port: 5432, user: 'postgres' },
      prefix: 'ro_bench_pages_',
      plugin: {
        'release-orchestration': { connection: { database: 'ro_bench_small' } },
      },
    });
    expect(config.app.baseUrl).toBe('http://localhost:7360');
    expect(config.catalog.locations).toEqual([
      { type: 'file', target: '/tmp/org.yaml' },
    ]);
    expect(config.releaseOrchestrationDemo).toEqual({
      seedHistory: false,
      generatedOrg: false,
    });
  });

  it('measures the five pages of issue 16 at their URLs', () => {
    expect(
      pageSpecs({
        system: 'system:default/sys-0001',
        team: 'group:default/team-007',
        release: { id: 'r1', version: '1.2.3' },
      }).map(p => [p.id, p.path]),
    ).toEqual([
      ['releases-tab', '/catalog/default/system/sys-0001/releases'],
      ['release', '/catalog/default/system/sys-0001/releases/r1'],
      ['approvals', '/release-orchestration/approvals'],
      ['dora-org', '/release-orchestration/dora'],
      ['group-tab', '/catalog/default/group/team-007/delivery-performance'],
    ]);
  });
});

describe('the bulk import part', () => {
  it('sends lines the import route reads back as the same records', () => {
    const records = importRecords(25, {
      systems: 2,
      perSystem: 2,
      run: 'r',
      refs: {
        component: (s, c) => `component:default/sys-${s}-c${c}`,
        system: s => `system:default/sys-${s}`,
      },
    });
    const bodies = ndjsonBodies(records, 10);
    expect(bodies).toHaveLength(3);
    const lines = bodies.flatMap(b => b.split('\n'));
    expect(lines).toHaveLength(25);
    const parsed = lines.map(l => parseImportRecord(JSON.parse(l)));
    expect(parsed.every(p => p.success)).toBe(true);
    expect(
      parsed.map(p => (p.success ? p.data.kind : undefined)).slice(0, 5),
    ).toEqual(['build', 'deployment', 'deployment', 'deployment', 'incident']);
    expect(records[0].report).toMatchObject({
      component: 'component:default/sys-0-c0',
    });
  });
});
