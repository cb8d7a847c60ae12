import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
} from '@backstage/core-components';
import { useEffect, useMemo } from 'react';
import { useDoraLinks } from '../../hooks/useDoraLinks';
import { useDoraTeamFigures } from '../../hooks/useDoraTeamFigures';
import { DoraWindowDays } from '../../hooks/useDoraWindow';
import { DoraMetricsTable, DoraMetricsTableRow } from '../DoraMetricsTable';
import { DoraErrorPanel } from '../DoraErrorPanel';

/**
 * Properties of {@link DoraTeamsCard}.
 */
export interface DoraTeamsCardProps {
  range: { from: string; to: string };
  days: DoraWindowDays;
  /** Called once the teams are loaded or failed to load. */
  onSettled?(): void;
}

/**
 * Every team's DORA metrics and levels (one request), sortable, each linking
 * to the team's Delivery performance tab.
 */
export function DoraTeamsCard(props: DoraTeamsCardProps) {
  const { range, days, onSettled } = props;
  const teams = useDoraTeamFigures(range);
  useEffect(() => {
    if (!teams.loading) onSettled?.();
  }, [teams.loading, onSettled]);
  const { teamLink } = useDoraLinks(days);

  const rows: DoraMetricsTableRow[] = useMemo(
    () =>
      (teams.value?.items ?? []).map(team => ({
        key: team.ref,
        name: <Link to={teamLink(team.ref)}>{team.title}</Link>,
        sortName: team.title,
        systems: team.systemCount,
        current: team.current,
        previous: team.previous,
        trends: team.trends,
      })),
    [teams.value, teamLink],
  );

  let content;
  if (teams.loading) {
    content = <Progress />;
  } else if (teams.error || !teams.value) {
    content = (
      <DoraErrorPanel
        error={teams.error ?? new Error('No answer')}
        what="the teams"
      />
    );
  } else if (teams.value.items.length === 0) {
    content = (
      <EmptyState
        missing="data"
        title="No teams yet"
        description="Teams are the Groups that own Systems (spec.owner of a System entity). The catalog has no System owned by a Group."
      />
    );
  } else {
    content = (
      <DoraMetricsTable
        rows={rows}
        nameTitle="Team"
        showSystems
        aria-label="Teams"
      />
    );
  }
  return (
    <InfoCard
      title="Teams"
      subheader="Groups that own Systems, with their child groups' Systems; open a team for its week-by-week charts and Systems"
    >
      {content}
    </InfoCard>
  );
}
