import { ContentHeader } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useCallback } from 'react';
import { useNavigate } from 'react-router-dom';
import { releaseOrchestrationApiRef } from '../../api';
import { useCursorList } from '../../hooks/useCursorList';
import { entityRefOf } from '../../lib/entityRef';
import { CursorListView } from '../CursorListView';
import { CutReleaseButton } from '../CutReleaseButton';
import { ReleasesTable } from '../ReleasesTable';

const PAGE_SIZE = 25;

/**
 * The releases of the current System entity, with the "Cut release" action;
 * a release just cut opens at once.
 */
export function SystemReleasesList() {
  const { entity } = useEntity();
  const systemRef = entityRefOf(entity);
  const api = useApi(releaseOrchestrationApiRef);
  const fetchPage = useCallback(
    (cursor?: string) =>
      api.listReleases({ system: systemRef, cursor, limit: PAGE_SIZE }),
    [api, systemRef],
  );
  const list = useCursorList(fetchPage);
  const navigate = useNavigate();

  const cutButton = (
    <CutReleaseButton
      systemRef={systemRef}
      existingVersions={list.items.map(release => release.version)}
      onCreated={release =>
        // Open the new release (its page offers "Promote to …"), relative to the tab's root.
        navigate(encodeURIComponent(release.version))
      }
    />
  );

  return (
    <CursorListView
      list={list}
      empty={{
        title: 'No releases yet',
        description:
          'A release pins one version of every component of this System. Report builds from CI (see the Release Orchestration README), then cut the first release.',
        action: cutButton,
      }}
      header={<ContentHeader title="Releases">{cutButton}</ContentHeader>}
    >
      {releases => (
        <ReleasesTable
          releases={releases}
          hasMore={list.hasMore}
          loadingMore={list.loadingMore}
          onLoadMore={list.loadMore}
        />
      )}
    </CursorListView>
  );
}
