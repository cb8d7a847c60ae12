import { parseEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useDoraLinks } from '../../hooks/useDoraLinks';
import { DoraTeam, useDoraTeamReports } from '../../hooks/useDoraTeams';
import {
  DEFAULT_DORA_WINDOW_DAYS,
  doraWindowRange,
} from '../../hooks/useDoraWindow';
import { doraRouteRef } from '../../routes';
import { DoraErrorPanel } from '../DoraErrorPanel';
import { DoraMetricsTable, DoraMetricsTableRow } from '../DoraMetricsTable';
import { useMyOwnership } from './useMyOwnership';

/** The link to the org DORA page (the card's deep link, a home page widget's action). */
export function MyTeamsDeliveryLink() {
  const orgLink = useRouteRef(doraRouteRef)();
  return <Link to={orgLink}>Every team</Link>;
}

/**
 * The body of "Delivery performance of my teams": the DORA metrics and levels
 * of each Group the signed-in user belongs to, over the last 30 days.
 */
export function MyTeamsDeliveryContent() {
  const catalogApi = useApi(catalogApiRef);
  const days = DEFAULT_DORA_WINDOW_DAYS;
  const range = useMemo(() => doraWindowRange(days), [days]);
  const { teamLink } = useDoraLinks(days);
  const me = useMyOwnership();
  const teams = useAsync(async (): Promise<DoraTeam[] | undefined> => {
    if (!me.value) return undefined;
    const refs = me.value.groupRefs;
    if (refs.length === 0) return [];
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: refs,
      fields: ['metadata.name', 'metadata.title', 'spec.profile.displayName'],
    });
    return refs.map((ref, i) => {
      const group = items[i];
      const profile = group?.spec?.profile as
        | { displayName?: string }
        | undefined;
      return {
        ref,
        title:
          profile?.displayName ??
          group?.metadata.title ??
          group?.metadata.name ??
          parseEntityRef(ref).name,
      };
    });
  }, [catalogApi, me.value]);
  const reports = useDoraTeamReports(teams.value, range);

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

  let content;
  const error = me.error ?? teams.error ?? reports.error;
  if (error) {
    content = <DoraErrorPanel error={error} what="your teams' metrics" />;
  } else if (!teams.value || reports.loading) {
    content = <Progress />;
  } else if (teams.value.length === 0) {
    content = (
      <EmptyState
        missing="data"
        title="You belong to no team"
        description="The catalog lists no Group with you as a member."
      />
    );
  } else {
    content = (
      <DoraMetricsTable
        rows={rows}
        nameTitle="Team"
        showSystems
        aria-label="Delivery performance of my teams"
      />
    );
  }
  return (
    <>
      <Typography variant="body2" color="textSecondary" gutterBottom>
        DORA metrics of the last {days} days
      </Typography>
      {content}
    </>
  );
}

/**
 * "Delivery performance of my teams": the DORA metrics and levels of each
 * Group the signed-in user belongs to, over the last 30 days, each linking to
 * the team's Delivery performance tab. For a home page (with
 * `@backstage/plugin-home`, use `HomePageMyTeamsDeliveryCard`).
 * @public
 */
export function MyTeamsDeliveryCard() {
  const orgLink = useRouteRef(doraRouteRef)();
  return (
    <InfoCard
      title="Delivery performance of my teams"
      deepLink={{ title: 'Every team', link: orgLink }}
    >
      <MyTeamsDeliveryContent />
    </InfoCard>
  );
}
