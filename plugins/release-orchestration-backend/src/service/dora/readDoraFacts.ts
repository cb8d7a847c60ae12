import { InputError } from '@backstage/errors';
import {
  DoraEntity,
  DoraFactsPage,
  DoraMetric,
} from '@release-orchestration/plugin-release-orchestration-common';
import { DoraFactsReader, FactsPageQuery } from '../../database/doraStoreTypes';
import { DAY_MS, TimeRange } from './doraCalendar';

/**
 * A page of the rows behind one metric: the deployments counted (deployment frequency: the
 * successful non-rollbacks; change failure rate: every one counted, with why it failed; rework
 * rate: every finished one, with why it is rework), the commits and their lead times, or the
 * failed deployments with their incidents. Oldest first; the cursor is the last row's key.
 */
export async function readDoraFacts(options: {
  reader: DoraFactsReader;
  entity: DoraEntity;
  systems?: string[];
  metric: DoraMetric;
  range: TimeRange;
  limit: number;
  cursor?: string;
  excludeFailedToDeploy: boolean;
}): Promise<DoraFactsPage> {
  const { reader, metric, range } = options;
  const query: FactsPageQuery = {
    ...(options.systems ? { systems: options.systems } : {}),
    range: {
      from: new Date(range.from).toISOString(),
      to: new Date(range.to).toISOString(),
    },
    ...(options.cursor !== undefined
      ? { after: decodeFactsCursor(options.cursor) }
      : {}),
    limit: options.limit + 1,
  };
  let rows;
  if (metric === 'changeLeadTime') {
    rows = await reader.commits(query);
  } else if (metric === 'failedDeploymentRecoveryTime') {
    rows = await reader.failures(query);
  } else {
    rows = await reader.deployments({
      ...query,
      succeededOnly: metric === 'deploymentFrequency',
      excludeFailedToDeploy:
        metric === 'changeFailureRate' && options.excludeFailedToDeploy,
    });
  }
  const shown = rows.slice(0, options.limit);
  const last = shown[shown.length - 1];
  return {
    entity: options.entity,
    metric,
    window: {
      from: query.range.from,
      to: query.range.to,
      days: (range.to - range.from) / DAY_MS,
    },
    items: shown.map(({ cursor: _cursor, ...item }) => item),
    ...(rows.length > options.limit && last
      ? {
          nextCursor: Buffer.from(JSON.stringify(last.cursor)).toString(
            'base64url',
          ),
        }
      : {}),
  };
}

function decodeFactsCursor(cursor: string): string[] {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length >= 2 &&
      key.every(part => typeof part === 'string') &&
      !Number.isNaN(Date.parse(key[0])) &&
      Buffer.from(JSON.stringify(key)).toString('base64url') === cursor
    ) {
      return key;
    }
  } catch {
    // not JSON: refused below
  }
  throw new InputError(
    'cursor: is not a cursor this API returned; pass nextCursor from the previous page',
  );
}
