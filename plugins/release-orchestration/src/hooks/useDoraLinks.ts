import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { useCallback } from 'react';
import { DELIVERY_PERFORMANCE_TAB_PATH } from '../lib/paths';
import { doraWindowQuery, DoraWindowDays } from './useDoraWindow';

/**
 * Links that keep the DORA window: to a System's entity page (where its DORA
 * card is) and to a Group's Delivery performance tab.
 */
export function useDoraLinks(days: DoraWindowDays) {
  const entityLink = useEntityRefLink();
  const systemLink = useCallback(
    (systemRef: string) => `${entityLink(systemRef)}${doraWindowQuery(days)}`,
    [entityLink, days],
  );
  const teamLink = useCallback(
    (groupRef: string) =>
      `${entityLink(
        groupRef,
      )}/${DELIVERY_PERFORMANCE_TAB_PATH}${doraWindowQuery(days)}`,
    [entityLink, days],
  );
  return { systemLink, teamLink };
}
