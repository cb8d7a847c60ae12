import { parentPort, workerData } from 'node:worker_threads';
import { fixedRateLoad, FixedRateRequest } from './fixedRateLoad';

/** The thread of {@link fixedRateLoadInWorker}: sends the requests it was given, answers the outcome. */
const { requests, ...options } = workerData as Omit<
  Parameters<typeof fixedRateLoad>[0],
  'next'
> & { requests: FixedRateRequest[] };
let next = 0;
fixedRateLoad({
  ...options,
  next: () => requests[next++ % requests.length],
}).then(
  outcome => parentPort!.postMessage({ outcome }),
  error => parentPort!.postMessage({ error: String(error?.stack ?? error) }),
);
