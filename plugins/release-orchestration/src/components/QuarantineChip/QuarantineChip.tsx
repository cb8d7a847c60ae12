import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import BlockIcon from '@material-ui/icons/Block';

const useStyles = makeStyles(theme => ({
  chip: {
    marginLeft: theme.spacing(0.75),
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  icon: { color: theme.palette.error.contrastText },
}));

/**
 * Flags a quarantined release wherever it appears (release list, release
 * page, environment matrix, approval queue); the tooltip says why.
 */
export function QuarantineChip(props: { reason: string }) {
  const classes = useStyles();
  return (
    <Tooltip title={`Quarantined: ${props.reason}`}>
      <Chip
        size="small"
        label="Quarantined"
        icon={<BlockIcon className={classes.icon} />}
        className={classes.chip}
        aria-label={`Quarantined: ${props.reason}`}
      />
    </Tooltip>
  );
}
