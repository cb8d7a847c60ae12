import { formatExplainFile, indexesIn, seqScansIn } from './explain';

describe('seqScansIn', () => {
  const rows = new Map([
    ['deployments', 1_000_000],
    ['audit_head', 1],
  ]);

  it('reports sequential scans of large tables only', () => {
    const plan = [
      'Hash Join',
      '  ->  Parallel Seq Scan on deployments d  (cost=0.00..1.00 rows=1 width=1)',
      '  ->  Seq Scan on audit_head  (cost=0.00..1.01 rows=1 width=83)',
      '  ->  Index Scan using deployments_drift_idx on deployments',
    ].join('\n');
    expect(seqScansIn(plan, rows)).toEqual([
      { table: 'deployments', rows: 1_000_000 },
    ]);
    expect(seqScansIn('Index Only Scan using x on deployments', rows)).toEqual(
      [],
    );
  });
});

describe('formatExplainFile', () => {
  it('lists each statement with its verdict, bindings and plan', () => {
    const text = formatExplainFile('drift', [
      { sql: 'select 1', bindings: [1], plan: 'Result', ms: 1, seqScans: [] },
      {
        sql: 'select 2',
        bindings: [],
        plan: 'Seq Scan on deployments',
        ms: 1,
        seqScans: [{ table: 'deployments', rows: 5 }],
      },
    ]);
    expect(text).toContain('# drift');
    expect(text).toContain(
      '-- [1] no sequential scan of a large table\nselect 1\n-- bindings: [1]\nResult',
    );
    expect(text).toContain('-- [2] SEQUENTIAL SCAN of deployments (5 rows)');
  });
});

describe('indexesIn', () => {
  it('finds the indexes of PostgreSQL and SQLite plans', () => {
    const pg = [
      'Nested Loop',
      '  ->  Bitmap Index Scan on deployments_drift_idx',
      '  ->  Index Only Scan using deployment_components_pkey on deployment_components dc',
      '  ->  Index Scan Backward using releases_system_created_idx on releases',
    ].join('\n');
    expect(indexesIn(pg)).toEqual([
      'deployments_drift_idx',
      'deployment_components_pkey',
      'releases_system_created_idx',
    ]);
    expect(
      indexesIn(
        'SEARCH d USING INDEX deployments_drift_idx (system_ref=?)\nSEARCH dc USING COVERING INDEX sqlite_autoindex_x_1 (deployment_id=?)',
      ),
    ).toEqual(['deployments_drift_idx', 'sqlite_autoindex_x_1']);
    expect(indexesIn('Seq Scan on releases')).toEqual([]);
  });
});
