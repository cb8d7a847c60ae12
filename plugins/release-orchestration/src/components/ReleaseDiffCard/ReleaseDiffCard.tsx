import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import { Release } from '@release-orchestration/plugin-release-orchestration-common';
import useAsync from 'react-use/esm/useAsync';
import { releaseOrchestrationApiRef } from '../../api';
import { ReleaseDiffList } from './ReleaseDiffList';

/**
 * What changed since the previous release of the same System.
 * @public
 */
export function ReleaseDiffCard(props: { release: Release }) {
  const { release } = props;
  const api = useApi(releaseOrchestrationApiRef);
  const previousId = release.previousReleaseId;
  const diff = useAsync(
    async () => (previousId ? api.getReleaseDiff(release.id) : undefined),
    [api, release.id, previousId],
  );

  if (!previousId) {
    return (
      <InfoCard title="Changes">
        <Typography color="textSecondary">
          This is the first release of this System, so there is nothing to
          compare it with.
        </Typography>
      </InfoCard>
    );
  }
  const against = diff.value?.against;
  return (
    <InfoCard
      title="Changes"
      subheader={
        against && (
          <>
            Compared with the previous release{'\u00a0'}
            <Link to={`../${against.id}`}>{against.version}</Link>
          </>
        )
      }
    >
      {diff.loading && <Progress />}
      {diff.error && <ResponseErrorPanel error={diff.error} />}
      {diff.value && <ReleaseDiffList changes={diff.value.changes} />}
    </InfoCard>
  );
}
