import { useApi } from '@backstage/core-plugin-api';
import { useNotify } from '../../hooks/useNotify';
import Button from '@material-ui/core/Button';
import { Release } from '@release-orchestration/plugin-release-orchestration-common';
import { useState } from 'react';
import { releaseOrchestrationApiRef } from '../../api';
import { errorMessage } from '../../lib/errorMessage';

/**
 * Downloads the release's evidence pack for auditors (JSON; verify it with
 * `release-orchestration verify-evidence-pack`).
 */
export function EvidencePackButton(props: {
  release: Pick<Release, 'id' | 'version'>;
}) {
  const api = useApi(releaseOrchestrationApiRef);
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const pack = await api.getEvidencePack(props.release.id);
      const url = URL.createObjectURL(
        new Blob([JSON.stringify(pack, null, 2)], { type: 'application/json' }),
      );
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = `evidence-pack-${props.release.version}.json`;
      anchor.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      notify({ message: errorMessage(error), severity: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant="outlined" size="small" disabled={busy} onClick={download}>
      Download evidence pack
    </Button>
  );
}
