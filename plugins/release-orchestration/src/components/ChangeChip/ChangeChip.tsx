import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import { ComponentChangeKind } from '@release-orchestration/plugin-release-orchestration-common';

const colours = (theme: Theme): Record<ComponentChangeKind, string> => ({
  added: theme.palette.success.main,
  removed: theme.palette.error.main,
  changed: theme.palette.warning.main,
  unchanged: theme.palette.grey[500],
});

const coloured = (theme: Theme, change: ComponentChangeKind) => ({
  backgroundColor: colours(theme)[change],
  color: theme.palette.getContrastText(colours(theme)[change]),
});

// A class per kind of change, not a style function of the props (a style sheet per chip).
const useStyles = makeStyles(theme => ({
  chip: {
    fontWeight: theme.typography.fontWeightBold as number,
    minWidth: theme.spacing(11),
    margin: 0,
  },
  added: coloured(theme, 'added'),
  removed: coloured(theme, 'removed'),
  changed: coloured(theme, 'changed'),
  unchanged: coloured(theme, 'unchanged'),
}));

/**
 * How a component changed between two releases: green added, red removed,
 * amber changed, grey unchanged.
 */
export function ChangeChip(props: { change: ComponentChangeKind }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      className={`${classes.chip} ${classes[props.change]}`}
      label={props.change}
    />
  );
}
