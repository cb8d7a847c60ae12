import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { useCallback } from 'react';
import { RELEASES_TAB_PATH } from '../lib/paths';

/**
 * Returns a function giving the URL of a release on its System's Releases tab,
 * for links from outside that tab (e.g. from a Component's builds).
 */
export function useReleaseViewLink(): (
  systemRef: string,
  releaseId: string,
) => string {
  const entityLink = useEntityRefLink();
  return useCallback(
    (systemRef, releaseId) =>
      `${entityLink(systemRef)}/${RELEASES_TAB_PATH}/${encodeURIComponent(
        releaseId,
      )}`,
    [entityLink],
  );
}
