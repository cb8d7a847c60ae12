import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import { Route, Routes } from 'react-router-dom';
import { entityRefOf } from '../../lib/entityRef';
import { SystemEnvironmentMatrix } from '../EnvironmentMatrix';
import { FreezeBanner } from '../FreezeBanner';
import { ReleaseView } from '../ReleaseView';
import { SystemReleasesList } from '../SystemReleasesList';
import { SystemSourcesPanel } from '../SystemSourcesPanel';
import { Link } from '@backstage/core-components';

/** The tab's root: the environment matrix above the releases. */
function SystemReleasesOverview() {
  const { entity } = useEntity();
  return (
    <>
      <Box mb={3}>
        <SystemEnvironmentMatrix systemRef={entityRefOf(entity)} />
      </Box>
      <SystemReleasesList />
      <Box mt={2}>
        <Link to="sources">
          Data sources: where this System's builds, deployments and incidents
          come from
        </Link>
      </Box>
    </>
  );
}

function SystemSources() {
  const { entity } = useEntity();
  return <SystemSourcesPanel systemRef={entityRefOf(entity)} />;
}

/**
 * The Releases tab of a System: freeze windows covering the System above the
 * environment matrix and the list at the tab's root, and one release at
 * `<tab>/<releaseId>`. Routes are relative, so
 * this works wherever the tab is mounted, in the legacy and the new frontend
 * system alike.
 */
export function SystemReleasesContent() {
  const { entity } = useEntity();
  return (
    <>
      <FreezeBanner systemRef={entityRefOf(entity)} />
      <Routes>
        <Route path="/" element={<SystemReleasesOverview />} />
        <Route path="sources" element={<SystemSources />} />
        <Route path=":releaseId" element={<ReleaseView />} />
      </Routes>
    </>
  );
}
