import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import { RiskClass } from '@release-orchestration/plugin-release-orchestration-common';

const colour = (theme: Theme, risk: RiskClass) =>
  ({
    low: theme.palette.success.main,
    medium: theme.palette.warning.main,
    high: theme.palette.error.main,
  }[risk] ?? theme.palette.grey[500]);

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
 * @public
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
