import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import PassIcon from '@material-ui/icons/CheckCircle';
import FailIcon from '@material-ui/icons/Cancel';
import WarnIcon from '@material-ui/icons/Warning';
import { EvidenceStatus } from '@release-orchestration/plugin-release-orchestration-common';

const colour = (theme: Theme, status: EvidenceStatus) =>
  ({
    pass: theme.palette.success.main,
    fail: theme.palette.error.main,
    warn: theme.palette.warning.main,
  }[status] ?? theme.palette.grey[500]);

const coloured = (theme: Theme, status: EvidenceStatus) => ({
  backgroundColor: colour(theme, status),
  color: theme.palette.getContrastText(colour(theme, status)),
});

// A class per status, not a style function of the props (a style sheet per chip).
const useStyles = makeStyles(theme => ({
  chip: {
    fontWeight: theme.typography.fontWeightBold as number,
    margin: 0,
  },
  pass: coloured(theme, 'pass'),
  fail: coloured(theme, 'fail'),
  warn: coloured(theme, 'warn'),
  other: coloured(theme, 'other' as EvidenceStatus),
  icon: { color: 'inherit !important' },
}));

const icons = { pass: PassIcon, fail: FailIcon, warn: WarnIcon };

/**
 * The outcome of a piece of evidence: a green pass, a red fail, an amber warn.
 */
export function EvidenceStatusChip(props: { status: EvidenceStatus }) {
  const classes = useStyles();
  const Icon = icons[props.status] ?? WarnIcon;
  const known = props.status in icons;
  return (
    <Chip
      size="small"
      className={`${classes.chip} ${classes[known ? props.status : 'other']}`}
      icon={<Icon className={classes.icon} fontSize="small" />}
      label={props.status}
    />
  );
}
