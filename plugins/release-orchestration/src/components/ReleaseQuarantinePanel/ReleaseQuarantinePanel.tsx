import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  releaseQuarantinePermission,
  ReleaseSummary,
} from '@release-orchestration/plugin-release-orchestration-common';
import { useState } from 'react';
import { releaseOrchestrationApiRef } from '../../api';
import { ActorName } from '../ActorName';
import { formatAbsolute, formatRelative } from '../../lib/format';
import { QuarantineDialog } from './QuarantineDialog';
import { useNotify } from '../../hooks/useNotify';

/**
 * On the release page: a quarantined release says so (why, by whom, since
 * when) with "Lift quarantine"; any other release offers "Quarantine
 * release". Both buttons only for holders of
 * release-orchestration.release.quarantine on the System.
 */
export function ReleaseQuarantinePanel(props: {
  release: ReleaseSummary;
  onChanged(): void;
}) {
  const { release, onChanged } = props;
  const api = useApi(releaseOrchestrationApiRef);
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const permission = usePermission({
    permission: releaseQuarantinePermission,
    resourceRef: release.systemRef,
  });
  const quarantine = release.quarantine;

  const submit = async (reason: string) => {
    if (quarantine) {
      await api.liftQuarantine(release.id, reason);
      notify({
        message: `The quarantine of ${release.version} was lifted`,
        severity: 'success',
        display: 'transient',
      });
    } else {
      await api.quarantineRelease(release.id, reason);
      notify({
        message: `${release.version} is quarantined`,
        severity: 'warning',
        display: 'transient',
      });
    }
    setOpen(false);
    onChanged();
  };

  const button = permission.allowed && (
    <Button
      variant="outlined"
      color={quarantine ? 'default' : 'secondary'}
      size="small"
      onClick={() => setOpen(true)}
    >
      {quarantine ? 'Lift quarantine' : 'Quarantine release'}
    </Button>
  );

  return (
    <>
      {quarantine ? (
        <Alert severity="error" action={button} role="status">
          <AlertTitle>Quarantined</AlertTitle>
          {quarantine.reason}
          <Box component="div" mt={0.5}>
            {quarantine.incidentId ? (
              'Quarantined automatically for a production incident'
            ) : (
              <>
                Quarantined by <ActorName actor={quarantine.quarantinedBy} />
              </>
            )}{' '}
            <time
              dateTime={quarantine.quarantinedAt}
              title={formatAbsolute(quarantine.quarantinedAt)}
            >
              {formatRelative(quarantine.quarantinedAt)}
            </time>
            . It cannot be promoted anywhere and is never known-good.
          </Box>
        </Alert>
      ) : (
        button && (
          <Box display="flex" justifyContent="flex-end">
            {button}
          </Box>
        )
      )}
      {open && (
        <QuarantineDialog
          lifting={Boolean(quarantine)}
          version={release.version}
          onSubmit={submit}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
