import Typography from '@material-ui/core/Typography';
import { DoraReport } from '@release-orchestration/plugin-release-orchestration-common';
import { formatShortDay, plural } from '../../lib/doraFormat';

/**
 * Properties of {@link DoraWindowSummary}.
 */
export interface DoraWindowSummaryProps {
  report: DoraReport;
}

/**
 * One line on what the numbers cover: the production lane, the window and what
 * the trends compare against; says so when nothing was deployed.
 */
export function DoraWindowSummary(props: DoraWindowSummaryProps) {
  const { current, previous, productionEnvironment } = props.report;
  const days = Math.round(current.window.days);
  const deployed =
    current.deploymentFrequency.deployments +
    current.deploymentFrequency.rollbacks +
    current.changeFailureRate.deployments;
  const incidents = current.incidents.opened;
  return (
    <Typography variant="caption" color="textSecondary" component="p">
      {deployed === 0 && (
        <strong>No production deployments in the last {days} days. </strong>
      )}
      Deployments to <strong>{productionEnvironment}</strong> from{' '}
      {formatShortDay(current.window.from)} to{' '}
      {formatShortDay(current.window.to)}; arrows compare with the {days} days
      before (from {formatShortDay(previous.window.from)}).
      {incidents > 0 && ` ${plural(incidents, 'incident')} opened.`}
      {current.coverage.systems.withoutProductionData > 0 &&
        current.coverage.systems.total > 1 &&
        ` ${current.coverage.systems.withoutProductionData} of ${plural(
          current.coverage.systems.total,
          'System',
        )} had no production deployment in the window.`}
    </Typography>
  );
}
