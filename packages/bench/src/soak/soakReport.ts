import fs from 'node:fs';
import path from 'node:path';
import { benchDir } from '../paths';
import { SoakResults } from './soakResults';
import { renderLineChart } from './svgChart';
import {
  LATENCY_RATIO_LIMIT,
  LATENCY_SLACK_MS,
  MEMORY_SLOPE_LIMIT_MIB_PER_MINUTE,
  WARMUP_FRACTION,
} from './verdict';
import { formattedMarkdown } from '../measure/writeResults';

/** The chart of memory over the run: RSS and heap used of each replica, per minute. */
export function memoryChart(results: SoakResults): string {
  const replicas = results.replicas.length;
  return renderLineChart({
    title: `Memory per replica, mean of each minute (${results.rate} requests/s)`,
    xLabel: 'minute of the soak',
    yLabel: 'MiB',
    series: Array.from({ length: replicas }, (_, i) => [
      {
        name: `replica ${i + 1} RSS`,
        points: results.minutes.map(m => ({
          x: m.minute,
          y: m.replicas[i].rssMiB,
        })),
      },
      {
        name: `replica ${i + 1} heap used (floor after GC)`,
        dashed: true,
        points: results.minutes.map(m => ({
          x: m.minute,
          y: m.replicas[i].heapUsedMinMiB,
        })),
      },
    ]).flat(),
  });
}

/** The chart of latency over the run: p99 of writes and of reads of each replica, per minute. */
export function latencyChart(results: SoakResults): string {
  const replicas = results.replicas.length;
  return renderLineChart({
    title: 'Request latency p99 per replica, each minute (load client)',
    xLabel: 'minute of the soak',
    yLabel: 'ms',
    series: Array.from({ length: replicas }, (_, i) => [
      {
        name: `replica ${i + 1} writes (POST)`,
        points: results.minutes.map(m => ({
          x: m.minute,
          y: m.replicas[i].writeP99Ms,
        })),
      },
      {
        name: `replica ${i + 1} reads (GET)`,
        dashed: true,
        points: results.minutes.map(m => ({
          x: m.minute,
          y: m.replicas[i].readP99Ms,
        })),
      },
    ]).flat(),
  });
}

const cell = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** The soak's Markdown report, linking the two charts by file name. */
export function renderSoakMarkdown(
  results: SoakResults,
  charts: { memory: string; latency: string },
): string {
  const minutes = Math.round(results.durationMs / 60_000);
  const lines: string[] = [];
  lines.push(
    `# Soak ${results.generatedAt.slice(0, 10)}: ${minutes} minutes, ${
      results.rate
    } requests/s, ${results.replicas.length} replicas on one PostgreSQL`,
    '',
    `**${results.pass ? 'PASS' : 'FAIL'}**${
      results.pass
        ? ': flat memory after warm-up and flat latency on every replica, no errors, every accepted write stored exactly once, the audit chain verifies.'
        : ':'
    }`,
    ...results.problems.map(p => `- ${p}`),
    '',
    `Command: \`${results.command}\``,
    '',
    `Machine: ${Object.entries(results.machine)
      .map(([k, v]) => `${k} ${v}`)
      .join('; ')}.`,
    '',
    `Installation: ${results.installation.database}, generated at scale ${
      results.installation.scale
    } (${results.installation.rows.toLocaleString(
      'en-US',
    )} rows: ${Object.entries(results.installation.counts)
      .map(([k, v]) => `${v.toLocaleString('en-US')} ${k}`)
      .join(', ')}), then the soak's writes. Replicas: ${results.replicas
      .map(r => `${r.name} (started in ${r.startSeconds} s)`)
      .join(
        ', ',
      )}; each a bench backend process (createBackend with the plugin, the in-memory bench catalog, a static CI token).`,
    '',
    `![Memory per replica](${charts.memory})`,
    '',
    `![Latency p99 per replica](${charts.latency})`,
    '',
    '## Memory',
    '',
    `Verdict: least-squares slope after warm-up (the first ${
      WARMUP_FRACTION * 100
    } % of the run) of each minute's mean RSS and of each minute's lowest heap used (the floor after GC: what is retained; the mean moves with the GC's sawtooth), flat when at most ${MEMORY_SLOPE_LIMIT_MIB_PER_MINUTE} MiB/min (why: packages/bench/src/soak/verdict.ts).`,
    '',
    '| replica | series | judged minutes | first | last | slope MiB/min | verdict |',
    '|---|---|---|---|---|---|---|',
  );
  for (const m of results.memory) {
    for (const [name, v] of [
      ['RSS', m.rss],
      ['heap used, floor after GC', m.heapUsed],
    ] as const) {
      lines.push(
        `| ${m.replica} | ${name} | ${v.points} (after minute ${
          v.fromMinute
        }) | ${cell(v.firstMiB)} | ${cell(v.lastMiB)} | ${cell(
          v.slopeMiBPerMinute,
        )} | ${v.verdict} |`,
      );
    }
  }
  lines.push(
    '',
    '## Latency',
    '',
    `Measured by the load client, per attempt. Verdict: the median over the minutes of a third of each minute's p99, last third against middle third, flat when at most ${LATENCY_RATIO_LIMIT} x middle + ${LATENCY_SLACK_MS} ms (why the median of minutes: packages/bench/src/soak/verdict.ts); it decides for each replica's writes and reads (pooled over routes). p50 and p99 are over the whole run.`,
    '',
    '| replica | requests | n | p50 ms | p99 ms | errors | median minute p99, middle third | last third | limit | verdict |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...results.latency.map(
      l =>
        `| ${l.replica} | ${l.kind} | ${l.stats.n} | ${l.stats.p50} | ${
          l.stats.p99
        } | ${l.stats.errors} | ${cell(l.verdict.middleP99Ms)} | ${cell(
          l.verdict.lastP99Ms,
        )} | ${cell(l.verdict.limitMs)} | ${l.verdict.verdict} |`,
    ),
    '',
    'Per route (the same comparison, shown but not deciding: the rarer routes have a few dozen requests per third, so their p99 is one or two requests):',
    '',
    '| route | replica | requests | p50 ms | p99 ms | errors | median minute p99, middle third | last third | limit | verdict |',
    '|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const r of results.routes) {
    lines.push(
      `| ${r.route} | ${r.replica} | ${r.stats.n} | ${r.stats.p50} | ${
        r.stats.p99
      } | ${r.stats.errors} | ${cell(r.verdict.middleP99Ms)} | ${cell(
        r.verdict.lastP99Ms,
      )} | ${cell(r.verdict.limitMs)} | ${r.verdict.verdict} |`,
    );
  }
  const t = results.totals;
  lines.push(
    '',
    '## Errors',
    '',
    `${t.requests.toLocaleString(
      'en-US',
    )} requests, ${t.attempts.toLocaleString('en-US')} attempts; ${
      t.errors
    } attempts without a 2xx, ${t.retries} retries, ${
      t.failed
    } requests that never got a 2xx, ${
      t.dropped
    } not sent (a request timeout's worth already open). Status codes: ${Object.entries(
      t.statusCodes,
    )
      .map(([code, n]) => `${code === '0' ? 'network error' : code} ${n}`)
      .join(', ')}.`,
    ...t.failures
      .slice(0, 10)
      .map(
        f =>
          `- ${f.route}: ${f.status || 'network error'} ${f.body
            .replace(/\s+/g, ' ')
            .slice(0, 200)}`,
      ),
    '',
    '## Exactly once',
    '',
    'Every write carries a unique marker (a build version, a deployment idempotency key, an incident external id, a release version) and an Idempotency-Key; a retry re-sends both. At the end each marker is counted in its table and among the audit events that record its creation.',
    '',
    '| writes | accepted | in doubt | rows | lost | duplicated | unexpected | creation audit events | lost | duplicated |',
    '|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const e of results.exactlyOnce) {
    lines.push(
      `| ${e.kind} | ${e.rows.accepted} | ${e.rows.inDoubt} | ${e.rows.stored} | ${e.rows.lost.length} | ${e.rows.duplicated.length} | ${e.rows.unexpected.length} | ${e.auditEvents.stored} | ${e.auditEvents.lost.length} | ${e.auditEvents.duplicated.length} |`,
    );
  }
  const a = results.audit;
  lines.push(
    '',
    `Audit chain, full verification with the bench key after the run: ${
      a.valid ? 'valid' : `INVALID (${a.reason})`
    }, ${a.checkedEvents.toLocaleString('en-US')} events checked, ${
      a.breakCount
    } breaks, ${a.seconds} s.`,
    '',
  );
  if (results.heapSnapshots.length > 0) {
    lines.push(
      `Heap snapshots of replica 1: ${results.heapSnapshots
        .map(f => `\`${path.basename(f)}\``)
        .join(', ')} (in bench/.data/soak, not committed).`,
      '',
    );
  }
  const r = results.replicas.length;
  lines.push(
    '## Series',
    '',
    'Per minute and replica: RSS, heap used, heap total and external (means of 4 readings a second), heap used minimum (the floor after GC), event loop delay p99, open PostgreSQL connections (pg_stat_activity), CPU (% of one core), requests and errors, write and read p99 (ms); load average (1 min) of the machine.',
    '',
    `| min | load | ${Array.from(
      { length: r },
      (_, i) =>
        `r${i + 1} RSS | r${i + 1} heap | r${i + 1} heap min | r${
          i + 1
        } heap total | r${i + 1} external | r${i + 1} loop p99 | r${
          i + 1
        } db conn | r${i + 1} cpu % | r${i + 1} req | r${i + 1} err | r${
          i + 1
        } write p99 | r${i + 1} read p99`,
    ).join(' | ')} |`,
    `|---|---|${Array.from({ length: r * 12 }, () => '---').join('|')}|`,
  );
  for (const m of results.minutes) {
    lines.push(
      `| ${m.minute} | ${m.loadAverage} | ${m.replicas
        .map(
          x =>
            `${x.rssMiB} | ${x.heapUsedMiB} | ${x.heapUsedMinMiB} | ${x.heapTotalMiB} | ${x.externalMiB} | ${x.loopDelayP99Ms} | ${x.dbConnections.total} (${x.dbConnections.active} active) | ${x.cpuPercent} | ${x.requests} | ${x.errors} | ${x.writeP99Ms} | ${x.readP99Ms}`,
        )
        .join(' | ')} |`,
    );
  }
  lines.push('');
  return lines.join('\n');
}

const SOAK_SECTION = /<!-- soak -->[\s\S]*<!-- \/soak -->\n?/;

/** The soak section of bench/results/latest.md: a link to the latest soak and its verdict. */
export function soakSection(results: SoakResults, file: string): string {
  return [
    '<!-- soak -->',
    '## Soak',
    '',
    `Latest soak (${results.generatedAt.slice(0, 10)}, ${Math.round(
      results.durationMs / 60_000,
    )} minutes, ${results.rate} requests/s, ${
      results.replicas.length
    } replicas): **${
      results.pass ? 'PASS' : 'FAIL'
    }**, see [${file}](${file}).`,
    '<!-- /soak -->',
    '',
  ].join('\n');
}

/**
 * Writes bench/results/soak-<date>-<duration>.{md,json} with its two SVG charts, and the soak
 * section of bench/results/latest.md (kept when `npm run bench` rewrites that file).
 */
export function writeSoakResults(
  results: SoakResults,
  durationLabel: string,
): string {
  const dir = benchDir('results');
  fs.mkdirSync(dir, { recursive: true });
  const base = `soak-${results.generatedAt.slice(0, 10)}-${durationLabel}`;
  const charts = {
    memory: `${base}-memory.svg`,
    latency: `${base}-latency.svg`,
  };
  fs.writeFileSync(path.join(dir, charts.memory), memoryChart(results));
  fs.writeFileSync(path.join(dir, charts.latency), latencyChart(results));
  fs.writeFileSync(
    path.join(dir, `${base}.json`),
    `${JSON.stringify(results, null, 2)}\n`,
  );
  fs.writeFileSync(
    path.join(dir, `${base}.md`),
    formattedMarkdown(
      renderSoakMarkdown(results, charts),
      path.join(dir, `${base}.md`),
    ),
  );
  const latest = path.join(dir, 'latest.md');
  const before = fs.existsSync(latest) ? fs.readFileSync(latest, 'utf8') : '';
  const section = soakSection(results, `${base}.md`);
  fs.writeFileSync(
    latest,
    formattedMarkdown(
      SOAK_SECTION.test(before)
        ? before.replace(SOAK_SECTION, section)
        : `${before.trimEnd()}\n\n${section}`,
      latest,
    ),
  );
  return path.join(dir, `${base}.md`);
}

/** The soak section of an existing latest.md, to carry over when the bench rewrites the file. */
export function existingSoakSection(
  latestMarkdown: string,
): string | undefined {
  return SOAK_SECTION.exec(latestMarkdown)?.[0];
}
