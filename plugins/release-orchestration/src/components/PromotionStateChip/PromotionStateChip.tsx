import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import {
  PromotionState,
  promotionStates,
} from '@release-orchestration/plugin-release-orchestration-common';

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

const coloured = (theme: Theme, state: PromotionState) => ({
  backgroundColor: colour(theme, state),
  color: theme.palette.getContrastText(colour(theme, state)),
});

// A class per state, not a style function of the props (a style sheet per chip).
const useStyles = makeStyles(theme => ({
  chip: {
    fontWeight: theme.typography.fontWeightBold as number,
    margin: 0,
  },
  blocked: coloured(theme, 'blocked'),
  pending_approval: coloured(theme, 'pending_approval'),
  approved: coloured(theme, 'approved'),
  deploying: coloured(theme, 'deploying'),
  succeeded: coloured(theme, 'succeeded'),
  failed: coloured(theme, 'failed'),
  rejected: coloured(theme, 'rejected'),
  cancelled: coloured(theme, 'cancelled'),
  other: coloured(theme, 'other' as PromotionState),
}));

/** "pending approval" from `pending_approval`. */
export function promotionStateLabel(state: PromotionState): string {
  return state.replace(/_/g, ' ');
}

/**
 * The state of a promotion as a coloured chip.
 */
export function PromotionStateChip(props: { state: PromotionState }) {
  const classes = useStyles();
  const state = promotionStates.includes(props.state) ? props.state : 'other';
  return (
    <Chip
      size="small"
      className={`${classes.chip} ${classes[state]}`}
      label={promotionStateLabel(props.state)}
    />
  );
}
