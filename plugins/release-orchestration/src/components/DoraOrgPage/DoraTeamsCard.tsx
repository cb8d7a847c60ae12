import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { useMemo } from 'react';
import { useDoraLinks } from '../../hooks/useDoraLinks';
import { useDoraTeamList, useDoraTeamReports } from '../../hooks/useDoraTeams';
import { DoraWindowDays } from '../../hooks/useDoraWindow';
import { errorMessage } from '../../lib/errorMessage';
import { DoraMetricsTable, DoraMetricsTableRow } from '../DoraMetricsTable';
import { DoraErrorPanel } from '../DoraErrorPanel';

/**
 * Properties of {@link DoraTeamsCard}.
 * @public
 */
export interface DoraTeamsCardProps {
  range: { from: string; to: string };
  days: DoraWindowDays;
}

/**
 * Every team's DORA metrics and levels, sortable, each linking to the team's
 * Delivery performance tab.
 * @public
 */
export function DoraTeamsCard(props: DoraTeamsCardProps) {
  const { range, days } = props;
  const teams = useDoraTeamList();
  const reports = useDoraTeamReports(teams.value, range);
  const { teamLink } = useDoraLinks(days);

  const rows: DoraMetricsTableRow[] = useMemo(
    () =>
      (reports.value ?? []).flatMap(result =>
        result.report
          ? [
              {
                key: result.team.ref,
                name: (
                  <Link to={teamLink(result.team.ref)}>
                    {result.team.title}
                  </Link>
                ),
                sortName: result.team.title,
                systems: result.report.entity.systemCount,
                current: result.report.current,
                previous: result.report.previous,
                trends: result.report.trends,
              },
            ]
          : [],
      ),
    [reports.value, teamLink],
  );
  const failed = (reports.value ?? []).filter(result => result.error);

  let content;
  if (teams.loading || reports.loading) {
    content = <Progress />;
  } else if (teams.error || reports.error) {
    content = (
      <DoraErrorPanel
        error={(teams.error ?? reports.error)!}
        what="the teams"
      />
    );
  } else if (teams.value?.length === 0) {
    content = (
      <EmptyState
        missing="data"
        title="No teams yet"
        description="Teams are the Groups that own Systems (spec.owner of a System entity). The catalog has no System owned by a Group."
      />
    );
  } else {
    content = (
      <>
        {failed.length > 0 && (
          <WarningPanel
            title={`The metrics of ${failed.length} team(s) could not be loaded`}
            message={failed
              .map(
                result => `${result.team.title}: ${errorMessage(result.error)}`,
              )
              .join('; ')}
          />
        )}
        <DoraMetricsTable
          rows={rows}
          nameTitle="Team"
          showSystems
          aria-label="Teams"
        />
      </>
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
