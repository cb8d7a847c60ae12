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
import { useEntity } from '@backstage/plugin-catalog-react';
import { useEffect, useRef } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseOrchestrationApiRef } from '../../api';
import { useLiveRefresh } from '../../hooks/useLiveRefresh';
import { entityRefOf } from '../../lib/entityRef';
import { errorMessage } from '../../lib/errorMessage';
import { EvidencePanel } from '../EvidencePanel';
import { ManifestTable } from '../ManifestTable';
import { ReleaseDiffCard } from '../ReleaseDiffCard';
import { ReleaseHeaderCard } from '../ReleaseHeaderCard';
import { ReleaseNotesCard } from '../ReleaseNotesCard';
import { ReleasePromotions } from '../ReleasePromotions';
import { ReleaseQuarantinePanel } from '../ReleaseQuarantinePanel';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
 * One release, by the `:releaseId` route parameter (its version name within
 * the System, or its id, which is replaced by the version in the address): what it is, where it has
 * been promoted (and where it can go next), its evidence, its manifest, and
 * how it differs from the release before it.
 */
export function ReleaseView() {
  const { releaseId = '' } = useParams();
  const { entity } = useEntity();
  const systemRef = entityRefOf(entity);
  const api = useApi(releaseOrchestrationApiRef);
  const navigate = useNavigate();
  const { search } = useLocation();
  // Once loaded by id, the address changes to the version: keep asking by id
  // then, rather than loading the same release again.
  const loaded = useRef<{ id: string; version: string }>();
  const lookup =
    loaded.current?.version === releaseId ? loaded.current.id : releaseId;
  const {
    value: release,
    loading,
    error,
    retry,
  } = useAsyncRetry(async () => {
    const details = await api.getRelease(
      lookup,
      // A version name is unique within the System whose tab this is.
      UUID.test(lookup) ? {} : { system: systemRef },
    );
    loaded.current = { id: details.id, version: details.version };
    return details;
  }, [api, lookup, systemRef]);
  // Live: promotions, votes, deployments and evidence of this System refetch the release (the
  // page stays as it is while the answer comes).
  useLiveRefresh(retry, { systemRef });
  // The address reads as the version, whichever of id or version led here.
  useEffect(() => {
    if (release && releaseId !== release.version) {
      navigate(`../${encodeURIComponent(release.version)}${search}`, {
        replace: true,
      });
    }
  }, [release, releaseId, navigate, search]);

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
