import { formatExplainFile, indexesIn, planWork, seqScansIn } from './explain';

describe('planWork', () => {
  it("sums the top node's shared pages hit and read, not the children's or the planner's", () => {
    const plan = [
      'HashAggregate  (cost=258.40..259.67 rows=127 width=123) (actual time=0.091..0.100 rows=62 loops=1)',
      '  Group Key: day',
      '  Buffers: shared hit=8 read=3 dirtied=1',
      '  ->  Index Scan using dora_facts_system_time_idx on dora_deployment_facts',
      '        Buffers: shared hit=8 read=3',
      'Planning:',
      '  Buffers: shared hit=200',
      'Planning Time: 0.371 ms',
      'Execution Time: 0.182 ms',
    ].join('\n');
    expect(planWork(plan)).toEqual({ buffers: 11, executionMs: 0.182 });
  });

  it('counts no page for a top node without a Buffers line, and nothing for a plan without ANALYZE', () => {
    expect(
      planWork(
        [
          'Result  (cost=0.00..0.01 rows=1 width=4) (actual time=0.001..0.001 rows=1 loops=1)',
          '  ->  Seq Scan on x',
          '        Buffers: shared hit=5',
          'Planning Time: 0.010 ms',
          'Execution Time: 0.020 ms',
        ].join('\n'),
      ),
    ).toEqual({ buffers: 0, executionMs: 0.02 });
    expect(planWork('SEARCH deployments USING INDEX x')).toBeUndefined();
  });
});

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
