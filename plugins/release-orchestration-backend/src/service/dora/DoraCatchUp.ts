import { LoggerService } from '@backstage/backend-plugin-api';
import { Stores } from '../../database/types';
import { EventPublisher } from '../EventPublisher';
import { DoraFactRecorder } from './DoraFactRecorder';
import { DORA_ACTOR } from './syncDoraFacts';

/** Deployments recorded per transaction of the catch-up. */
export const CATCH_UP_BATCH = 500;

/** How long after the last import request has been answered the catch-up starts. */
export const CATCH_UP_DELAY_MS = 1_000;

/**
 * Records the DORA roll-ups of the production deployments a history import (`POST /import`)
 * stored without them: oldest first, in batches of {@link CATCH_UP_BATCH}, each batch in one
 * transaction that also takes its deployments off the backlog. The roll-ups come out as if the
 * deployments had been recorded one at a time as late reports (the recorder's rule for
 * deployments reported out of order), so a migration's import requests only store what they bring
 * and the derivation runs once, when the import pauses.
 *
 * Runs {@link CATCH_UP_DELAY_MS} after the last import request of this process was answered, and
 * from the scheduled DORA task (every replica, every 5 minutes). While an import request of this
 * process is being written, the catch-up does not start, and one that started from the timer stops
 * after its current batch and starts again once the imports pause: a migration's requests (the CLI
 * sends 5,000 lines each, 2-3 s on the reference installation) otherwise met the catch-up that the
 * pause between two of them had started, and both went at half speed. A database lock serialises
 * catch-ups of several replicas; within a process, one runs at a time.
 */
export class DoraCatchUp {
  private timer?: ReturnType<typeof setTimeout>;
  private running?: Promise<number>;
  /** Import requests of this process being written now. */
  private importing = 0;
  /** Whether something was deferred (or a catch-up stopped) while imports were being written. */
  private wanted = false;

  constructor(
    private readonly deps: {
      stores: Stores;
      recorder: DoraFactRecorder;
      events?: EventPublisher;
      logger: LoggerService;
    },
    private readonly options: { batchSize?: number; delayMs?: number } = {},
  ) {}

  /**
   * An import request that defers its roll-ups starts writing: the catch-up waits until it has
   * finished ({@link importFinished}).
   */
  importStarted(): void {
    this.importing += 1;
    this.cancel();
  }

  /**
   * An import request has finished writing (answered or failed); `deferred` says whether it left
   * deployments to the catch-up. Once no import is being written, the catch-up is scheduled if any
   * of them did.
   */
  importFinished(deferred: boolean): void {
    this.importing -= 1;
    this.wanted ||= deferred;
    if (this.importing === 0 && this.wanted) {
      this.wanted = false;
      this.schedule();
    }
  }

  /** Starts the catch-up after the delay, unless an import starts first. */
  private schedule(): void {
    if (this.timer) {
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.run({ yieldToImports: true }).catch(error =>
        this.deps.logger.warn(
          `DORA catch-up of imported deployments failed; the scheduled DORA task retries it: ${error}`,
        ),
      );
    }, this.options.delayMs ?? CATCH_UP_DELAY_MS);
    this.timer.unref?.();
  }

  /** Cancels a scheduled start (the plugin is stopping). */
  cancel(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  /**
   * Records every deferred deployment; resolves with how many this call recorded. A call while
   * one runs waits for it first (it may have read the backlog before the caller's deferral), so
   * whatever was deferred before the call is recorded when it resolves. With `yieldToImports`
   * (the timer's start), it stops before a batch while an import request is being written, and is
   * scheduled again when the imports pause.
   */
  async run(options: { yieldToImports?: boolean } = {}): Promise<number> {
    while (this.running) {
      await this.running.catch(() => undefined);
    }
    this.running = this.drain(options.yieldToImports === true);
    try {
      return await this.running;
    } finally {
      this.running = undefined;
    }
  }

  private async drain(yieldToImports: boolean): Promise<number> {
    const { stores, recorder, events, logger } = this.deps;
    const batchSize = this.options.batchSize ?? CATCH_UP_BATCH;
    let recorded = 0;
    const started = Date.now();
    for (;;) {
      if (yieldToImports && this.importing > 0) {
        // The import's end schedules the rest.
        this.wanted = true;
        break;
      }
      const batch = await stores.transaction(async tx => {
        await tx.doraDeferred.lockCatchUp();
        const ids = await tx.doraDeferred.oldest(batchSize);
        if (ids.length === 0) {
          return undefined;
        }
        const deployments = await tx.deployments.getMany(ids);
        // Every System of the batch at once, in the one order every writer locks in.
        await tx.doraFacts.lockSystems([
          ...new Set(deployments.map(d => d.systemRef)),
        ]);
        const now = new Date().toISOString();
        const appended = await recorder.onDeploymentsRecorded(
          tx,
          deployments.map(deployment => ({ deployment, now })),
          DORA_ACTOR,
        );
        await tx.doraDeferred.remove(ids);
        return { count: ids.length, events: appended };
      });
      if (!batch) {
        break;
      }
      await events?.publish(batch.events);
      recorded += batch.count;
    }
    if (recorded > 0) {
      logger.info(
        `DORA: recorded ${recorded} imported production deployment(s) in the roll-ups in ${
          Date.now() - started
        } ms`,
      );
    }
    return recorded;
  }
}
