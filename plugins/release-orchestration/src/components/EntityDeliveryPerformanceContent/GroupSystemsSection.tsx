import { InfoCard, Link, Progress } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import { useDoraLinks } from '../../hooks/useDoraLinks';
import { MAX_DORA_SYSTEMS, useDoraSystems } from '../../hooks/useDoraReport';
import { DoraWindowDays } from '../../hooks/useDoraWindow';
import { entityNameOf } from '../../lib/entityRef';
import { DoraMetricsTable, DoraMetricsTableRow } from '../DoraMetricsTable';
import { DoraOutliers } from '../DoraOutliers';
import { DoraErrorPanel } from '../DoraErrorPanel';

/**
 * Properties of {@link GroupSystemsSection}.
 */
export interface GroupSystemsSectionProps {
  groupRef: string;
  range: { from: string; to: string };
  days: DoraWindowDays;
}

/**
 * The outliers and the sortable table of a Group's Systems, as grid items.
 */
export function GroupSystemsSection(props: GroupSystemsSectionProps) {
  const { groupRef, range, days } = props;
  const systems = useDoraSystems(groupRef, range);
  const { systemLink } = useDoraLinks(days);
  const rows: DoraMetricsTableRow[] = useMemo(
    () =>
      (systems.value?.items ?? []).map(row => ({
        key: row.systemRef,
        name: (
          <Link to={systemLink(row.systemRef)}>
            {entityNameOf(row.systemRef)}
          </Link>
        ),
        sortName: entityNameOf(row.systemRef),
        current: row.current,
        previous: row.previous,
        trends: row.trends,
        outliers: row.outliers,
      })),
    [systems.value, systemLink],
  );

  if (systems.loading) {
    return (
      <Grid item xs={12}>
        <Progress />
      </Grid>
    );
  }
  if (systems.error) {
    return (
      <Grid item xs={12}>
        <DoraErrorPanel
          error={systems.error}
          what="the Systems' DORA metrics"
        />
      </Grid>
    );
  }
  return (
    <>
      <Grid item xs={12}>
        <DoraOutliers
          days={days}
          rows={rows.map(row => ({
            key: row.key,
            name: row.name,
            outliers: row.outliers ?? [],
          }))}
        />
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title="Systems"
          subheader="Click a column to sort by it; the first click puts the best first"
        >
          <DoraMetricsTable
            rows={rows}
            nameTitle="System"
            aria-label="Systems"
          />
          {systems.value?.truncated && (
            <Typography variant="caption" color="textSecondary">
              Showing the first {MAX_DORA_SYSTEMS} Systems.
            </Typography>
          )}
        </InfoCard>
      </Grid>
    </>
  );
}
