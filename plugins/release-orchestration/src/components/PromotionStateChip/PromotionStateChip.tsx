import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import { PromotionState } from '@release-orchestration/plugin-release-orchestration-common';

const colour = (theme: Theme, state: PromotionState) =>
  ({
    blocked: theme.palette.error.dark,
    pending_approval: theme.palette.warning.main,
    approved: theme.palette.info.main,
    deploying: theme.palette.info.dark,
    succeeded: theme.palette.success.main,
    failed: theme.palette.error.main,
    rejected: theme.palette.error.main,
    cancelled: theme.palette.grey[500],
  }[state] ?? theme.palette.grey[500]);

const useStyles = makeStyles<Theme, { state: PromotionState }>(theme => ({
  chip: ({ state }) => ({
    backgroundColor: colour(theme, state),
    color: theme.palette.getContrastText(colour(theme, state)),
    fontWeight: theme.typography.fontWeightBold as number,
    margin: 0,
  }),
}));

/** "pending approval" from `pending_approval`. */
export function promotionStateLabel(state: PromotionState): string {
  return state.replace(/_/g, ' ');
}

/**
 * The state of a promotion as a coloured chip.
 */
export function PromotionStateChip(props: { state: PromotionState }) {
  const classes = useStyles({ state: props.state });
  return (
    <Chip
      size="small"
      className={classes.chip}
      label={promotionStateLabel(props.state)}
    />
  );
}
