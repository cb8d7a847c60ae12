import { ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BenchDatabase } from '../load/loadDatabase';
import { pgConfig } from '../load/connection';
import { ScalePlan } from '../model/scalePlan';
import { benchDir, packageDir, repoRoot } from '../paths';
import { benchPluginConfig } from './benchConfig';
import { processCpuSeconds } from '../measure/cpu';

/** A memory reading of the backend process. */
export interface MemorySample {
  at: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

/** A reading the backend process takes on request: its memory now, its event loop delay since the last reading. */
export interface ProcessSample extends MemorySample {
  /** Event loop delay since the previous reading (perf_hooks.monitorEventLoopDelay), in ms. */
  loopDelayMs: { p50: number; p99: number; max: number };
}

/** The running backend: where it listens, its CI token, its memory readings, and how to stop it. */
export interface BenchBackend {
  baseUrl: string;
  token: string;
  /** A second static token, allowed only to verify the audit chain (an auditor's job). */
  auditorToken: string;
  pid: number;
  samples: MemorySample[];
  /** CPU seconds (user + system) the process has used so far, from /proc. */
  cpuSeconds(): number;
  /** Asks the process for a reading (memory, event loop delay since the last reading). */
  sample(): Promise<ProcessSample>;
  /** Has the process write a heap snapshot to `file` (it blocks while writing); resolves to the file. */
  heapSnapshot(file: string): Promise<string>;
  stop(): Promise<void>;
}

/** The permissions of the README's CI token (the demo app-config's `accessRestrictions`). */
export const BENCH_CI_PERMISSIONS = [
  'release-orchestration.release.read',
  'release-orchestration.build.report',
  'release-orchestration.release.create',
  'release-orchestration.evidence.create',
  'release-orchestration.promotion.create',
  'release-orchestration.deployment.report',
  'release-orchestration.incident.report',
];

/** The backend's app-config: its port, the bench database, a static CI token, the lanes, an audit key. */
export function benchBackendConfig(options: {
  database: BenchDatabase;
  target: string;
  port: number;
  token: string;
  /** The auditor's token (only `release-orchestration.audit.verify`); none when absent. */
  auditorToken?: string;
  auditSecret: string;
  /** PostgreSQL `application_name` of the backend's connections (tells replicas apart in pg_stat_activity). */
  applicationName?: string;
}) {
  const {
    database,
    target,
    port,
    token,
    auditorToken,
    auditSecret,
    applicationName,
  } = options;
  let databaseConfig: Record<string, unknown>;
  if (database === 'postgres') {
    const { database: name, ...connection } = pgConfig(target);
    databaseConfig = {
      client: 'pg',
      connection: {
        ...connection,
        ...(applicationName ? { application_name: applicationName } : {}),
      },
      // The plugin's database is the bench database (not backstage_plugin_release-orchestration).
      plugin: { 'release-orchestration': { connection: { database: name } } },
    };
  } else {
    if (path.basename(target) !== 'release-orchestration.sqlite') {
      throw new Error(
        `the SQLite file must be named release-orchestration.sqlite (the plugin's database in a directory), got ${target}`,
      );
    }
    databaseConfig = {
      client: 'better-sqlite3',
      connection: { directory: path.dirname(target) },
    };
  }
  return {
    backend: {
      baseUrl: `http://127.0.0.1:${port}`,
      listen: { port, host: '127.0.0.1' },
      database: databaseConfig,
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: { token, subject: 'bench-ci' },
            // The README's CI token: only the plugin, only what a pipeline does (decided by this
            // list alone; the bench backend installs no permission policy).
            accessRestrictions: [
              {
                plugin: 'release-orchestration',
                permission: BENCH_CI_PERMISSIONS,
              },
            ],
          },
          ...(auditorToken
            ? [
                {
                  type: 'static',
                  options: { token: auditorToken, subject: 'bench-auditor' },
                  accessRestrictions: [
                    {
                      plugin: 'release-orchestration',
                      permission: ['release-orchestration.audit.verify'],
                    },
                  ],
                },
              ]
            : []),
        ],
      },
    },
    ...benchPluginConfig,
    releaseOrchestration: {
      ...benchPluginConfig.releaseOrchestration,
      // The audit chain keyed with HMAC-SHA256, as the README asks of an installation.
      audit: {
        keys: [{ id: 'bench', secret: auditSecret }],
        activeKeyId: 'bench',
        // No whole-chain walk while something is measured: bench:data leaves a verified
        // checkpoint of its generated chain (a million events at scale 1), the audit part of the
        // bench takes one before it times GET /audit/verify, and the full re-verification is
        // timed by the bench itself; the plugin's defaults (checkpoint every 5 minutes from 20 s
        // after start, full run 2 minutes after start) would walk the chain during the loads.
        checkpointSchedule: {
          frequency: { hours: 24 },
          timeout: { minutes: 30 },
          initialDelay: { hours: 24 },
        },
        fullVerificationSchedule: {
          frequency: { hours: 24 },
          timeout: { hours: 3 },
          initialDelay: { hours: 24 },
        },
      },
    },
  };
}

/**
 * Starts the bench backend in its own Node.js process on the given database and waits until it
 * serves. The process reports its memory every 250 ms; its log goes to bench/.data/backend-<db>.log.
 */
export async function startBenchBackend(options: {
  database: BenchDatabase;
  target: string;
  plan: ScalePlan;
  port: number;
  /** Names the config and log files (default: the database); several backends at once need their own. */
  name?: string;
  /** PostgreSQL `application_name` of its connections. */
  applicationName?: string;
  /** The CI token; several replicas of one installation share one. Default: a new random one. */
  token?: string;
  /** Write a CPU profile (`--cpu-prof`) into this directory when the process stops. */
  cpuProfileDir?: string;
}): Promise<BenchBackend> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const auditorToken = randomBytes(24).toString('base64url');
  const name = options.name ?? options.database;
  const configFile = benchDir('.data', `app-config.bench-${name}.yaml`);
  const logFile = benchDir('.data', `backend-${name}.log`);
  fs.mkdirSync(path.dirname(configFile), { recursive: true });
  // JSON is YAML: the config loader reads it as an app-config file.
  // Fixed, so events of several runs in one bench database stay verifiable (not a real secret).
  const auditSecret = 'release-orchestration-bench-audit-key';
  fs.writeFileSync(
    configFile,
    JSON.stringify(
      benchBackendConfig({ ...options, token, auditorToken, auditSecret }),
      null,
      2,
    ),
  );
  const log = fs.openSync(logFile, 'w');
  const child: ChildProcess = fork(
    path.join(packageDir(), 'src', 'backend', 'benchBackend.ts'),
    ['--config', configFile],
    {
      cwd: repoRoot(),
      execArgv: [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        // --cpu-prof (or BENCH_CPU_PROF=<dir>) writes a CPU profile of the backend when it stops.
        ...(options.cpuProfileDir ?? process.env.BENCH_CPU_PROF
          ? [
              '--cpu-prof',
              `--cpu-prof-dir=${
                options.cpuProfileDir ?? process.env.BENCH_CPU_PROF
              }`,
            ]
          : []),
        // BENCH_BACKEND_NODE_ARGS: more Node flags for the backend, e.g. --trace-gc (which Node
        // refuses in NODE_OPTIONS); their output goes to the backend's log.
        ...(process.env.BENCH_BACKEND_NODE_ARGS?.split(/\s+/).filter(Boolean) ??
          []),
      ],
      env: {
        ...process.env,
        BENCH_PLAN: JSON.stringify(options.plan),
        NODE_ENV: 'production',
      },
      stdio: ['ignore', log, log, 'ipc'],
    },
  );
  const samples: MemorySample[] = [];
  child.on('message', (m: any) => {
    if (m?.type === 'memory') {
      samples.push({
        at: m.at,
        rss: m.rss,
        heapUsed: m.heapUsed,
        heapTotal: m.heapTotal,
        external: m.external,
      });
    }
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(`the bench backend did not start in 180 s; see ${logFile}`),
        ),
      180_000,
    );
    child.on('message', (m: any) => {
      if (m?.type === 'ready') {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', code => {
      clearTimeout(timer);
      reject(
        new Error(`the bench backend exited with ${code}; see ${logFile}`),
      );
    });
  });
  const pid = child.pid!;
  let requests = 0;
  const ask = <T>(message: Record<string, unknown>, timeoutMs: number) =>
    new Promise<T>((resolve, reject) => {
      const id = ++requests;
      let timer: NodeJS.Timeout | undefined = undefined;
      const listener = (m: any) => {
        if (m?.type === message.type && m.id === id) {
          clearTimeout(timer);
          child.off('message', listener);
          resolve(m as T);
        }
      };
      timer = setTimeout(() => {
        child.off('message', listener);
        reject(
          new Error(
            `the bench backend (pid ${pid}) did not answer ${message.type} in ${
              timeoutMs / 1000
            } s`,
          ),
        );
      }, timeoutMs);
      child.on('message', listener);
      child.send({ ...message, id });
    });
  return {
    baseUrl: `http://127.0.0.1:${options.port}/api/release-orchestration`,
    token,
    auditorToken,
    pid,
    samples,
    cpuSeconds: () => processCpuSeconds(pid),
    async sample() {
      const m = await ask<ProcessSample & { type: string; id: number }>(
        { type: 'sample' },
        30_000,
      );
      return {
        at: m.at,
        rss: m.rss,
        heapUsed: m.heapUsed,
        heapTotal: m.heapTotal,
        external: m.external,
        loopDelayMs: m.loopDelayMs,
      };
    },
    async heapSnapshot(file: string) {
      return (
        await ask<{ file: string }>({ type: 'heap-snapshot', file }, 600_000)
      ).file;
    },
    async stop() {
      child.removeAllListeners('exit');
      const exited = new Promise(resolve => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
      fs.closeSync(log);
    },
  };
}
