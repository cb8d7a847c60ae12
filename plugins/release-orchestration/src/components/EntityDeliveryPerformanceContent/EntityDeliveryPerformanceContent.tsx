import {
  ContentHeader,
  EmptyState,
  InfoCard,
  Progress,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import { useDoraReport } from '../../hooks/useDoraReport';
import { useDoraWindow } from '../../hooks/useDoraWindow';
import { plural } from '../../lib/doraFormat';
import { entityRefOf } from '../../lib/entityRef';
import { DoraMetricTiles } from '../DoraMetricTiles';
import { DoraWeeklyCharts } from '../DoraWeeklyCharts';
import { DoraWindowPicker } from '../DoraWindowPicker';
import { DoraWindowSummary } from '../EntityDoraCard';
import { GroupSystemsSection } from './GroupSystemsSection';
import { DoraErrorPanel } from '../DoraErrorPanel';

/**
 * The Delivery performance tab of a Group: the team's DORA metrics over its
 * Systems (and its child groups'), week by week, the outliers, and a table of
 * the Systems sortable by each metric.
 * @public
 */
export function EntityDeliveryPerformanceContent() {
  const { entity } = useEntity();
  const groupRef = entityRefOf(entity);
  const teamName = entity.metadata.title ?? entity.metadata.name;
  const { days, range, setDays } = useDoraWindow();
  const report = useDoraReport(groupRef, range);

  const header = (
    <ContentHeader
      title="Delivery performance"
      description={`DORA metrics of ${teamName}'s Systems over the last ${days} days`}
    >
      <DoraWindowPicker value={days} onChange={setDays} />
    </ContentHeader>
  );

  if (report.loading) {
    return (
      <>
        {header}
        <Progress />
      </>
    );
  }
  if (report.error || !report.value) {
    return (
      <>
        {header}
        <DoraErrorPanel error={report.error ?? new Error('No report')} />
      </>
    );
  }
  const value = report.value;
  if (value.entity.systemCount === 0) {
    return (
      <>
        {header}
        <EmptyState
          missing="data"
          title="No Systems to measure"
          description={`DORA metrics roll up from the Systems that ${teamName} and its child groups own (spec.owner of a System entity). The catalog has none for this group.`}
        />
      </>
    );
  }
  return (
    <>
      {header}
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <InfoCard
            title={teamName}
            subheader={`${plural(
              value.entity.systemCount,
              'System',
            )}, owned by the group or its child groups`}
          >
            <DoraMetricTiles
              current={value.current}
              previous={value.previous}
              trends={value.trends}
              levels={value.levels}
              facts={{
                entity: value.entity.ref,
                from: value.current.window.from,
                to: value.current.window.to,
              }}
            />
            <Box mt={1.5}>
              <DoraWindowSummary report={value} />
            </Box>
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard
            title="Week by week"
            subheader="Weeks start on Monday (UTC); faded marks are weeks cut by the window"
          >
            <DoraWeeklyCharts weeks={value.weekly} />
          </InfoCard>
        </Grid>
        <GroupSystemsSection groupRef={groupRef} range={range} days={days} />
      </Grid>
    </>
  );
}
