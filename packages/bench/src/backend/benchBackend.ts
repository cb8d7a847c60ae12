/*
 * The benchmark's backend process: a real Backstage backend (createBackend from
 * @backstage/backend-defaults) with the Release Orchestration plugin, its database from the config
 * given with --config, CI access through a static token (external access), and the generated
 * organisation as its catalog. Started by startBenchBackend, which talks to it over IPC.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import v8 from 'node:v8';
import { createBackend } from '@backstage/backend-defaults';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { BenchCatalogService } from '../catalog/BenchCatalogService';
import { generateOrg } from '@release-orchestration/demo-data';
import { ScalePlan } from '../model/scalePlan';

const plan = JSON.parse(process.env.BENCH_PLAN ?? 'null') as ScalePlan | null;
if (!plan) {
  throw new Error('BENCH_PLAN (the scale plan as JSON) is required');
}
const catalog = BenchCatalogService.fromOrg(
  generateOrg(plan),
).asCatalogService();

const backend = createBackend();
backend.add(
  createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => catalog,
  }),
);
backend.add(
  import('@release-orchestration/plugin-release-orchestration-backend'),
);
backend
  .start()
  .then(() => {
    process.send?.({ type: 'ready' });
    setInterval(
      () =>
        process.send?.({
          type: 'memory',
          at: Date.now(),
          ...process.memoryUsage(),
        }),
      250,
    ).unref();
    // The soak asks for a reading once a minute: memory now, and the event loop delay since the last one.
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    process.on('message', (m: any) => {
      if (m?.type === 'sample') {
        process.send?.({
          type: 'sample',
          id: m.id,
          at: Date.now(),
          ...process.memoryUsage(),
          loopDelayMs: {
            p50: loopDelay.percentile(50) / 1e6,
            p99: loopDelay.percentile(99) / 1e6,
            max: loopDelay.max / 1e6,
          },
        });
        loopDelay.reset();
      } else if (m?.type === 'heap-snapshot') {
        // Blocks the process while it writes (seconds for a few hundred MiB); the soak says when.
        const file = v8.writeHeapSnapshot(m.file);
        process.send?.({ type: 'heap-snapshot', id: m.id, file });
      }
    });
    // Listening must not keep the process alive on its own (it stops on SIGTERM as before).
    process.channel?.unref();
  })
  .catch(error => {
    process.stderr.write(
      `bench backend failed to start: ${error?.stack ?? error}\n`,
    );
    process.exit(1);
  });
