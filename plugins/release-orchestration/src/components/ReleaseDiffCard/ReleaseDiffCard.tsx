import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  Release,
  ReleaseDiff,
} from '@release-orchestration/plugin-release-orchestration-common';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { releaseOrchestrationApiRef } from '../../api';
import { ReleaseDiffList } from './ReleaseDiffList';

/** The select's value for "the previous release"; any other value is a lane name. */
const PREVIOUS = 'previous';

/** The `?against=` search parameter of the release page: a lane name, or `previous`. */
export const AGAINST_PARAM = 'against';

function Compared(props: {
  diff: ReleaseDiff;
  laneTitle?: string;
  releaseLink(release: { id: string; version: string }): string;
}) {
  const { diff, laneTitle, releaseLink } = props;
  if (!diff.against) {
    return (
      <>
        Nothing was released in {laneTitle ?? diff.environment} yet: every
        component would be new there.
      </>
    );
  }
  // Underlined: a link inside a sentence must not rely on colour alone.
  const link = (
    <Link to={releaseLink(diff.against)} underline="always">
      {diff.against.version}
    </Link>
  );
  if (diff.against.id === diff.release.id) {
    return <>This release is what runs in {laneTitle ?? diff.environment}.</>;
  }
  return diff.environment ? (
    <>
      What this release changes in {laneTitle ?? diff.environment}, which runs{' '}
      {link}
    </>
  ) : (
    <>Compared with the previous release {link}</>
  );
}

/**
 * What a release changes, per component with its commits (author, time, linked
 * SHA, pull requests and tickets): compared with the previous release of the
 * System or with what runs in any lane ("what will this change in
 * production?"). The choice is kept in the page's `?against=` parameter, so the
 * matrix can link straight to "changed since Production".
 */
export function ReleaseDiffCard(props: {
  release: Release;
  /** Where another release of the System is shown; defaults to next to this page. */
  releaseLink?(release: { id: string; version: string }): string;
}) {
  const { release } = props;
  const releaseLink =
    props.releaseLink ??
    ((r: { id: string; version: string }) =>
      `../${encodeURIComponent(r.version)}`);
  const api = useApi(releaseOrchestrationApiRef);
  const [params, setParams] = useSearchParams();
  const lanes = useAsync(
    () => api.listEnvironments({ system: release.systemRef }),
    [api, release.systemRef],
  );
  const laneItems = lanes.value?.items ?? [];
  const asked = params.get(AGAINST_PARAM);
  const fallback = release.previousReleaseId
    ? PREVIOUS
    : laneItems[laneItems.length - 1]?.name;
  const against = asked ?? fallback;
  const diff = useAsync(
    async () =>
      against
        ? api.getReleaseDiff(
            release.id,
            against === PREVIOUS ? undefined : against,
          )
        : undefined,
    [api, release.id, against],
  );
  const laneTitle = laneItems.find(l => l.name === against)?.title;
  const choose = (value: string) => {
    const next = new URLSearchParams(params);
    next.set(AGAINST_PARAM, value);
    setParams(next, { replace: true });
  };

  return (
    <InfoCard title="Changes">
      <Box display="flex" alignItems="center" mb={2} style={{ gap: 16 }}>
        <TextField
          select
          id="release-diff-against"
          label="Compared with"
          value={against && (against === PREVIOUS || laneTitle) ? against : ''}
          onChange={e => choose(e.target.value)}
          style={{ minWidth: 260 }}
        >
          {release.previousReleaseId && (
            <MenuItem value={PREVIOUS}>The previous release</MenuItem>
          )}
          {laneItems.map(lane => (
            <MenuItem key={lane.name} value={lane.name}>
              What runs in {lane.title}
            </MenuItem>
          ))}
        </TextField>
        {!release.previousReleaseId && (
          <Typography variant="body2" color="textSecondary">
            This is the first release of this System.
          </Typography>
        )}
      </Box>
      {diff.value && (
        <Typography variant="body1" gutterBottom>
          <Compared
            diff={diff.value}
            laneTitle={laneTitle}
            releaseLink={releaseLink}
          />
        </Typography>
      )}
      {(diff.loading || lanes.loading) && <Progress />}
      {diff.error && <ResponseErrorPanel error={diff.error} />}
      {diff.value && <ReleaseDiffList changes={diff.value.changes} />}
    </InfoCard>
  );
}
