import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import UndoIcon from '@material-ui/icons/Undo';
import {
  EnvironmentState,
  promotionCreatePermission,
} from '@release-orchestration/plugin-release-orchestration-common';
import { useState } from 'react';
import { RollbackDialog } from '../RollbackDialog';

/**
 * Properties of {@link LaneRollback}.
 */
export interface LaneRollbackProps {
  systemRef: string;
  lane: EnvironmentState;
  releaseLink(releaseId: string): string;
  /** Called once a rollback was requested, to reload the lanes. */
  onRequested(): void;
}

/**
 * "Roll back to known-good" in a lane's header, or, where it cannot be
 * offered, why not and what to do instead: nothing deployed, no release known
 * to be good there, or no permission to request promotions of the System.
 */
export function LaneRollback(props: LaneRollbackProps) {
  const { systemRef, lane, releaseLink, onRequested } = props;
  const [open, setOpen] = useState(false);
  const permission = usePermission({
    permission: promotionCreatePermission,
    resourceRef: systemRef,
  });

  const reason = (text: string) => (
    <Typography
      variant="caption"
      color="textSecondary"
      component="p"
      aria-label={`${lane.title}: rollback`}
    >
      {text}
    </Typography>
  );
  if (!lane.currentRelease) {
    return reason('Nothing deployed here, so nothing to roll back.');
  }
  const knownGood = lane.knownGoodRelease;
  if (!knownGood) {
    return reason(
      'No rollback: no release succeeded here without an open incident. Fix forward: promote a release with the fix.',
    );
  }
  if (permission.loading) {
    return null;
  }
  if (!permission.allowed) {
    return reason(
      'Rollback needs permission to request promotions of this System: ask its owners or a release manager.',
    );
  }
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        startIcon={<UndoIcon />}
        onClick={() => setOpen(true)}
        aria-label={`Roll back to known-good in ${lane.title}`}
      >
        Roll back to known-good
      </Button>
      {open && (
        <RollbackDialog
          systemRef={systemRef}
          environment={{ name: lane.environment, title: lane.title }}
          releaseLink={releaseLink}
          onClose={() => setOpen(false)}
          onRequested={() => {
            setOpen(false);
            onRequested();
          }}
        />
      )}
    </>
  );
}
