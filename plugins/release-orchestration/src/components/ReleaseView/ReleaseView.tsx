import {
  Link,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import ArrowBackIcon from '@material-ui/icons/ArrowBack';
import { useParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseOrchestrationApiRef } from '../../api';
import { errorMessage } from '../../lib/errorMessage';
import { EvidencePanel } from '../EvidencePanel';
import { ManifestTable } from '../ManifestTable';
import { ReleaseDiffCard } from '../ReleaseDiffCard';
import { ReleaseHeaderCard } from '../ReleaseHeaderCard';
import { ReleaseNotesCard } from '../ReleaseNotesCard';
import { ReleasePromotions } from '../ReleasePromotions';
import { ReleaseQuarantinePanel } from '../ReleaseQuarantinePanel';

function BackLink() {
  return (
    // ".." is the tab's root (the list), whatever path the tab is mounted at.
    <Link to="..">
      <ArrowBackIcon fontSize="inherit" style={{ verticalAlign: 'middle' }} />{' '}
      All releases
    </Link>
  );
}

/**
 * One release, by the `:releaseId` route parameter: what it is, where it has
 * been promoted (and where it can go next), its evidence, its manifest, and
 * how it differs from the release before it.
 * @public
 */
export function ReleaseView() {
  const { releaseId = '' } = useParams();
  const api = useApi(releaseOrchestrationApiRef);
  const {
    value: release,
    loading,
    error,
    retry,
  } = useAsyncRetry(() => api.getRelease(releaseId), [api, releaseId]);

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <BackLink />
      </Grid>
      {loading && !release && (
        <Grid item xs={12}>
          <Progress />
        </Grid>
      )}
      {error && (
        <Grid item xs={12}>
          {error instanceof ResponseError && error.statusCode === 404 ? (
            <WarningPanel
              severity="error"
              title="Release not found"
              message={errorMessage(error)}
            />
          ) : (
            <ResponseErrorPanel error={error} />
          )}
        </Grid>
      )}
      {release && (
        <>
          <Grid item xs={12}>
            <ReleaseQuarantinePanel release={release} onChanged={retry} />
          </Grid>
          <Grid item xs={12}>
            <ReleaseHeaderCard release={release} />
          </Grid>
          <Grid item xs={12}>
            <ReleasePromotions release={release} onChanged={retry} />
          </Grid>
          <Grid item xs={12}>
            <EvidencePanel evidence={release.evidence} />
          </Grid>
          <Grid item xs={12}>
            <ManifestTable components={release.components} />
          </Grid>
          <Grid item xs={12}>
            <ReleaseDiffCard release={release} />
          </Grid>
          <Grid item xs={12}>
            <ReleaseNotesCard release={release} />
          </Grid>
        </>
      )}
    </Grid>
  );
}
