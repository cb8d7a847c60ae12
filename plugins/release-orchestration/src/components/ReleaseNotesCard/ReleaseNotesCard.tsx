import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useNotify } from '../../hooks/useNotify';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { Release } from '@release-orchestration/plugin-release-orchestration-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { releaseOrchestrationApiRef } from '../../api';

const PREVIOUS = 'previous';

/** Saves text as a file through the browser. */
function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.click();
  URL.revokeObjectURL(url);
}

/**
 * Markdown release notes (commits, pull requests, tickets) against the previous release or the
 * release currently in a lane, to copy or download.
 */
export function ReleaseNotesCard(props: { release: Release }) {
  const { release } = props;
  const api = useApi(releaseOrchestrationApiRef);
  const notify = useNotify();
  const [against, setAgainst] = useState(
    release.previousReleaseId ? PREVIOUS : '',
  );
  const lanes = useAsync(() => api.listEnvironments(), [api]);
  const notes = useAsync(
    async () =>
      against
        ? api.getReleaseNotes(
            release.id,
            against === PREVIOUS ? undefined : against,
          )
        : undefined,
    [api, release.id, against],
  );
  const markdown = notes.value?.markdown;

  return (
    <InfoCard title="Release notes">
      <Box display="flex" alignItems="center" mb={2} style={{ gap: 16 }}>
        <TextField
          select
          id="release-notes-against"
          label="Notes compared with"
          value={against}
          onChange={e => setAgainst(e.target.value)}
          style={{ minWidth: 260 }}
        >
          {release.previousReleaseId && (
            <MenuItem value={PREVIOUS}>The previous release</MenuItem>
          )}
          {(lanes.value?.items ?? []).map(lane => (
            <MenuItem key={lane.name} value={lane.name}>
              What runs in {lane.title}
            </MenuItem>
          ))}
        </TextField>
        <Button
          variant="outlined"
          disabled={!markdown}
          onClick={async () => {
            await navigator.clipboard.writeText(markdown ?? '');
            notify({
              message: 'Release notes copied',
              severity: 'success',
              display: 'transient',
            });
          }}
        >
          Copy
        </Button>
        <Button
          variant="outlined"
          disabled={!markdown}
          onClick={() =>
            download(`release-notes-${release.version}.md`, markdown ?? '')
          }
        >
          Download
        </Button>
      </Box>
      {notes.loading && <Progress />}
      {notes.error && <ResponseErrorPanel error={notes.error} />}
      {markdown && (
        <pre
          // Scrollable: focusable so keyboard users can scroll it (axe
          // scrollable-region-focusable).
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
          tabIndex={0}
          aria-label="Release notes markdown"
          style={{
            whiteSpace: 'pre-wrap',
            margin: 0,
            maxHeight: 480,
            overflow: 'auto',
          }}
        >
          {markdown}
        </pre>
      )}
    </InfoCard>
  );
}
