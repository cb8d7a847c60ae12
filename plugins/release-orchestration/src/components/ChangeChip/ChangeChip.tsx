import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import { ComponentChangeKind } from '@release-orchestration/plugin-release-orchestration-common';

const colours = (theme: Theme): Record<ComponentChangeKind, string> => ({
  added: theme.palette.success.main,
  removed: theme.palette.error.main,
  changed: theme.palette.warning.main,
  unchanged: theme.palette.grey[500],
});

const useStyles = makeStyles<Theme, { change: ComponentChangeKind }>(theme => ({
  chip: ({ change }) => ({
    backgroundColor: colours(theme)[change],
    color: theme.palette.getContrastText(colours(theme)[change]),
    fontWeight: theme.typography.fontWeightBold as number,
    minWidth: theme.spacing(11),
    margin: 0,
  }),
}));

/**
 * How a component changed between two releases: green added, red removed,
 * amber changed, grey unchanged.
 */
export function ChangeChip(props: { change: ComponentChangeKind }) {
  const classes = useStyles({ change: props.change });
  return <Chip size="small" className={classes.chip} label={props.change} />;
}
