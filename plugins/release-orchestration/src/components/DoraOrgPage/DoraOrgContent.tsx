import { ContentHeader, InfoCard, Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import { useCallback, useState } from 'react';
import { useDoraReport } from '../../hooks/useDoraReport';
import { useDoraWindow } from '../../hooks/useDoraWindow';
import { plural } from '../../lib/doraFormat';
import { DoraMetricTiles } from '../DoraMetricTiles';
import { DoraWindowPicker } from '../DoraWindowPicker';
import { DoraWindowSummary } from '../EntityDoraCard';
import { DoraSystemsCard } from './DoraSystemsCard';
import { DoraTeamsCard } from './DoraTeamsCard';
import { DoraErrorPanel } from '../DoraErrorPanel';

/**
 * The body of the org-wide DORA page: the organisation's metrics, a table
 * of every team (each Group that owns Systems) linking to its Delivery
 * performance tab, and every System, sortable by each metric.
 */
export function DoraOrgContent() {
  const { days, range, setDays } = useDoraWindow();
  const org = useDoraReport('org', range);
  // The Systems table (below every team) asks once the Teams table has its answer: sent at
  // the same time, its request took the backend's time from /dora/teams, the page's main
  // content and slowest request (bench pages part, 6 December).
  const [teamsSettled, setTeamsSettled] = useState(false);
  const onTeamsSettled = useCallback(() => setTeamsSettled(true), []);

  let orgCard;
  if (org.loading) {
    orgCard = <Progress />;
  } else if (org.error || !org.value) {
    orgCard = <DoraErrorPanel error={org.error ?? new Error('No report')} />;
  } else {
    orgCard = (
      <InfoCard
        title="Organisation"
        subheader={`All ${plural(org.value.entity.systemCount, 'System')}`}
      >
        <DoraMetricTiles
          current={org.value.current}
          previous={org.value.previous}
          trends={org.value.trends}
          levels={org.value.levels}
          facts={{
            entity: org.value.entity.ref,
            from: org.value.current.window.from,
            to: org.value.current.window.to,
          }}
        />
        <Box mt={1.5}>
          <DoraWindowSummary report={org.value} />
        </Box>
      </InfoCard>
    );
  }

  return (
    <>
      <ContentHeader
        title={`Last ${days} days`}
        description="Software delivery performance of the organisation and of each team"
      >
        <DoraWindowPicker value={days} onChange={setDays} />
      </ContentHeader>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          {orgCard}
        </Grid>
        <Grid item xs={12}>
          <DoraTeamsCard range={range} days={days} onSettled={onTeamsSettled} />
        </Grid>
        <Grid item xs={12}>
          <DoraSystemsCard range={range} days={days} waiting={!teamsSettled} />
        </Grid>
      </Grid>
    </>
  );
}
