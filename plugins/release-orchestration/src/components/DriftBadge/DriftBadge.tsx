import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import Tooltip from '@material-ui/core/Tooltip';
import InSyncIcon from '@material-ui/icons/CheckCircle';
import UnknownIcon from '@material-ui/icons/HelpOutline';
import DriftedIcon from '@material-ui/icons/Warning';
import {
  DriftState,
  EnvironmentDrift,
} from '@release-orchestration/plugin-release-orchestration-common';
import { plural } from '../../lib/doraFormat';
import { warningTextColor } from '../../lib/warningTextColor';

/** Text colours with at least 4.5:1 contrast (WCAG AA) on paper, as RiskClassChip's. */
const colour = (theme: Theme, state: DriftState) => {
  const dark = theme.palette.type === 'dark';
  return {
    in_sync: dark ? theme.palette.success.light : '#1b5e20',
    drifted: warningTextColor(theme),
    unknown: dark ? theme.palette.grey[400] : theme.palette.grey[700],
  }[state];
};

const coloured = (theme: Theme, state: DriftState) => ({
  borderColor: colour(theme, state),
  color: colour(theme, state),
});
const iconColoured = (theme: Theme, state: DriftState) => ({
  color: `${colour(theme, state)} !important`,
});

// A class per state, not a style function of the props (a style sheet per badge).
const useStyles = makeStyles(theme => ({
  chip: {
    fontWeight: theme.typography.fontWeightBold as number,
    margin: 0,
  },
  in_sync: coloured(theme, 'in_sync'),
  drifted: coloured(theme, 'drifted'),
  unknown: coloured(theme, 'unknown'),
  in_syncIcon: iconColoured(theme, 'in_sync'),
  driftedIcon: iconColoured(theme, 'drifted'),
  unknownIcon: iconColoured(theme, 'unknown'),
}));

const explanation: Record<DriftState, string> = {
  in_sync:
    'Every component runs the version of the current release, and nothing else runs',
  drifted: 'What runs differs from the current release',
  unknown: 'Nothing has been deployed here yet',
};

/**
 * Properties of {@link DriftBadge}.
 */
export interface DriftBadgeProps {
  drift: EnvironmentDrift;
  /** The lane's title, for the button's accessible name. */
  environmentTitle: string;
  /** When given, a drifted badge is a button that opens the details. */
  onShowDetails?: () => void;
}

/**
 * A lane's drift state: "In sync", "Drifted: N components" or "Unknown".
 */
export function DriftBadge(props: DriftBadgeProps) {
  const { drift, environmentTitle, onShowDetails } = props;
  const classes = useStyles();
  const label = {
    in_sync: 'In sync',
    drifted: `Drifted: ${plural(drift.components.length, 'component')}`,
    unknown: 'Unknown',
  }[drift.state];
  const Icon = {
    in_sync: InSyncIcon,
    drifted: DriftedIcon,
    unknown: UnknownIcon,
  }[drift.state];
  const clickable = drift.state === 'drifted' && onShowDetails;
  return (
    <Tooltip
      title={
        clickable
          ? `${explanation[drift.state]}; click for the components`
          : explanation[drift.state]
      }
    >
      <Chip
        size="small"
        variant="outlined"
        className={`${classes.chip} ${classes[drift.state]}`}
        icon={
          <Icon className={classes[`${drift.state}Icon`]} fontSize="small" />
        }
        label={label}
        {...(clickable
          ? {
              clickable: true,
              onClick: onShowDetails,
              'aria-label': `${label} in ${environmentTitle}: show details`,
            }
          : {})}
      />
    </Tooltip>
  );
}
