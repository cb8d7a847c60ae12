import { WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import { useCallback } from 'react';
import { releaseOrchestrationApiRef } from '../../api';
import { useCursorList } from '../../hooks/useCursorList';
import { entityRefOf } from '../../lib/entityRef';
import { BuildsTable } from '../BuildsTable';
import { CursorListView } from '../CursorListView';

const PAGE_SIZE = 25;

/**
 * The Releases tab of a Component: its builds, newest first, and which
 * releases of its System contain each one.
 */
export function ComponentBuildsContent() {
  const { entity } = useEntity();
  const componentRef = entityRefOf(entity);
  const api = useApi(releaseOrchestrationApiRef);
  const fetchPage = useCallback(
    (cursor?: string) =>
      api.listBuilds({ component: componentRef, cursor, limit: PAGE_SIZE }),
    [api, componentRef],
  );
  const list = useCursorList(fetchPage);

  const noSystem = !entity.spec?.system && (
    <Box mb={2}>
      <WarningPanel
        severity="info"
        title="Not part of a System"
        message="Releases are cut per System. Set spec.system on this component to include its builds in releases."
      />
    </Box>
  );

  return (
    <CursorListView
      list={list}
      empty={{
        title: 'No builds reported yet',
        description:
          'CI reports each build of this component to the Release Orchestration API (POST /api/release-orchestration/builds; see the README). Reported builds appear here and can be put into releases.',
      }}
      notice={noSystem}
    >
      {builds => (
        <BuildsTable
          builds={builds}
          hasMore={list.hasMore}
          loadingMore={list.loadingMore}
          onLoadMore={list.loadMore}
        />
      )}
    </CursorListView>
  );
}
