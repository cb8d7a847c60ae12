import { useApi } from '@backstage/core-plugin-api';
import {
  DoraReport,
  DoraSystemRow,
  DoraSystemsPage,
} from '@release-orchestration/plugin-release-orchestration-common';
import useAsync from 'react-use/esm/useAsync';
import { releaseOrchestrationApiRef } from '../api';

/** DORA report of a System, Group or `org` over `[from, to)`; no request without an entity. */
export function useDoraReport(
  entity: string | undefined,
  range: { from: string; to: string },
) {
  const api = useApi(releaseOrchestrationApiRef);
  return useAsync(
    async (): Promise<DoraReport | undefined> =>
      entity ? api.getDoraReport({ entity, ...range }) : undefined,
    [api, entity, range.from, range.to],
  );
}

const SYSTEMS_PAGE = 200;
/** A Group with more Systems than this is shown in part, and says so. */
export const MAX_DORA_SYSTEMS = 1000;

/** Every System row of an entity's per-System breakdown, up to {@link MAX_DORA_SYSTEMS}. */
export function useDoraSystems(
  entity: string,
  range: { from: string; to: string },
) {
  const api = useApi(releaseOrchestrationApiRef);
  return useAsync(async () => {
    const items: DoraSystemRow[] = [];
    let page: DoraSystemsPage | undefined;
    do {
      page = await api.listDoraSystems({
        entity,
        ...range,
        limit: SYSTEMS_PAGE,
        cursor: page?.nextCursor,
      });
      items.push(...page.items);
    } while (page.nextCursor && items.length < MAX_DORA_SYSTEMS);
    return { items, truncated: Boolean(page.nextCursor) };
  }, [api, entity, range.from, range.to]);
}
