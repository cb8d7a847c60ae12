import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import { RiskClass } from '@release-orchestration/plugin-release-orchestration-common';
import { warningTextColor } from '../../lib/warningTextColor';

/** Text colours with at least 4.5:1 contrast (WCAG AA) on paper, also on a hovered row. */
const colour = (theme: Theme, risk: RiskClass) => {
  const dark = theme.palette.type === 'dark';
  return (
    {
      low: dark ? theme.palette.success.light : '#1b5e20',
      medium: warningTextColor(theme),
      high: dark ? theme.palette.error.light : '#b71c1c',
    }[risk] ?? theme.palette.text.primary
  );
};

const coloured = (theme: Theme, risk: RiskClass) => ({
  borderColor: colour(theme, risk),
  color: colour(theme, risk),
});

// A class per risk class, not a style function of the props: a function makes a style sheet
// for every chip on the page (one per approval queue row).
const useStyles = makeStyles(theme => ({
  chip: {
    fontWeight: theme.typography.fontWeightBold as number,
    margin: 0,
  },
  low: coloured(theme, 'low'),
  medium: coloured(theme, 'medium'),
  high: coloured(theme, 'high'),
  other: {
    borderColor: theme.palette.text.primary,
    color: theme.palette.text.primary,
  },
}));

/**
 * The risk class of a release as a coloured outlined chip.
 */
export function RiskClassChip(props: { risk: RiskClass }) {
  const classes = useStyles();
  const risk = (['low', 'medium', 'high'] as const).find(r => r === props.risk);
  return (
    <Chip
      size="small"
      variant="outlined"
      className={`${classes.chip} ${classes[risk ?? 'other']}`}
      label={`${props.risk} risk`}
    />
  );
}
