import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import AddIcon from '@material-ui/icons/Add';
import {
  Release,
  releaseCreatePermission,
} from '@release-orchestration/plugin-release-orchestration-common';
import { useState } from 'react';
import { CutReleaseDialog } from '../CutReleaseDialog';

/**
 * Properties of {@link CutReleaseButton}.
 */
export interface CutReleaseButtonProps {
  /** Full ref of the System to cut a release of. */
  systemRef: string;
  /** Version names already used, so the suggested name does not collide. */
  existingVersions: string[];
  onCreated(release: Release): void;
}

/**
 * Opens the "Cut release" dialog. Rendered only for users allowed to create
 * releases, so nobody is offered a button that can only fail.
 */
export function CutReleaseButton(props: CutReleaseButtonProps) {
  const { systemRef, existingVersions, onCreated } = props;
  const { loading, allowed } = usePermission({
    permission: releaseCreatePermission,
    resourceRef: systemRef,
  });
  const [open, setOpen] = useState(false);

  if (loading || !allowed) {
    return null;
  }
  return (
    <>
      <Button
        variant="contained"
        color="primary"
        startIcon={<AddIcon />}
        onClick={() => setOpen(true)}
      >
        Cut release
      </Button>
      {open && (
        <CutReleaseDialog
          systemRef={systemRef}
          existingVersions={existingVersions}
          onClose={() => setOpen(false)}
          onCreated={release => {
            setOpen(false);
            onCreated(release);
          }}
        />
      )}
    </>
  );
}
