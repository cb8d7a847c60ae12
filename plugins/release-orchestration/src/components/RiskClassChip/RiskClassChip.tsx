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

const useStyles = makeStyles<Theme, { risk: RiskClass }>(theme => ({
  chip: ({ risk }) => ({
    borderColor: colour(theme, risk),
    color: colour(theme, risk),
    fontWeight: theme.typography.fontWeightBold as number,
    margin: 0,
  }),
}));

/**
 * The risk class of a release as a coloured outlined chip.
 */
export function RiskClassChip(props: { risk: RiskClass }) {
  const classes = useStyles({ risk: props.risk });
  return (
    <Chip
      size="small"
      variant="outlined"
      className={classes.chip}
      label={`${props.risk} risk`}
    />
  );
}
