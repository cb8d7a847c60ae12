import { Route, Routes } from 'react-router-dom';
import { ReleaseView } from '../ReleaseView';
import { SystemReleasesList } from '../SystemReleasesList';

/**
 * The Releases tab of a System: the list at the tab's root and one release at
 * `<tab>/<releaseId>`. Routes are relative, so this works wherever the tab is
 * mounted, in the legacy and the new frontend system alike.
 * @public
 */
export function SystemReleasesContent() {
  return (
    <Routes>
      <Route path="/" element={<SystemReleasesList />} />
      <Route path=":releaseId" element={<ReleaseView />} />
    </Routes>
  );
}
