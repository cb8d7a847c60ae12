import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { BuildWithReleases } from '@release-orchestration/plugin-release-orchestration-common';
import { useReleaseViewLink } from '../../hooks/useReleaseViewLink';
import { entityNameOf } from '../../lib/entityRef';

/**
 * The releases whose manifests contain a build, each linking to the release
 * on its System's Releases tab.
 */
export function BuildReleases(props: {
  releases: BuildWithReleases['releases'];
}) {
  const releaseLink = useReleaseViewLink();
  if (props.releases.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        Not in any release yet
      </Typography>
    );
  }
  return (
    <Box component="ul" m={0} pl={2}>
      {props.releases.map(release => (
        <li key={release.id}>
          <Link to={releaseLink(release.systemRef, release.id)}>
            {release.version}
          </Link>{' '}
          <Typography variant="caption" color="textSecondary">
            ({entityNameOf(release.systemRef)})
          </Typography>
        </li>
      ))}
    </Box>
  );
}
