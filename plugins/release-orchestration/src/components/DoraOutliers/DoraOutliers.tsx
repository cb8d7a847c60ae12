import { InfoCard } from '@backstage/core-components';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import WarningIcon from '@material-ui/icons/Warning';
import { DoraOutlier } from '@release-orchestration/plugin-release-orchestration-common';
import { ReactNode } from 'react';
import { describeOutlier } from '../../lib/describeOutlier';

const useStyles = makeStyles(theme => ({
  icon: { color: theme.palette.warning.main, minWidth: 36 },
}));

/**
 * Properties of {@link DoraOutliers}.
 */
export interface DoraOutliersProps {
  rows: Array<{ key: string; name: ReactNode; outliers: DoraOutlier[] }>;
  /** Length of the window, for the text. */
  days: number;
}

/**
 * The Systems that stand out against the previous window: a time that
 * doubled, a frequency that halved, a rate up 10 points, a level lost.
 */
export function DoraOutliers(props: DoraOutliersProps) {
  const { rows, days } = props;
  const classes = useStyles();
  const standingOut = rows.filter(row => row.outliers.length > 0);
  return (
    <InfoCard
      title="Outliers"
      subheader={`Systems that changed markedly against the previous ${days} days`}
    >
      {standingOut.length === 0 ? (
        <Typography color="textSecondary">
          No System stands out: no lead or recovery time doubled, no deployment
          frequency halved, no failure or rework rate rose by 10 points, no
          level dropped.
        </Typography>
      ) : (
        <List dense disablePadding aria-label="Outliers">
          {standingOut.map(row => (
            <ListItem key={row.key} alignItems="flex-start" disableGutters>
              <ListItemIcon className={classes.icon}>
                <WarningIcon />
              </ListItemIcon>
              <ListItemText
                primary={row.name}
                secondary={row.outliers.map(describeOutlier).join('. ')}
                secondaryTypographyProps={{ color: 'textPrimary' }}
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}
