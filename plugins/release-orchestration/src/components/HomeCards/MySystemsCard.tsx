import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { SystemEnvironments } from '@release-orchestration/plugin-release-orchestration-common';
import useAsync from 'react-use/esm/useAsync';
import { releaseOrchestrationApiRef } from '../../api';
import { useReleaseViewLink } from '../../hooks/useReleaseViewLink';
import { DoraErrorPanel } from '../DoraErrorPanel';
import { DriftBadge } from '../DriftBadge';
import { useMyOwnership } from './useMyOwnership';

/**
 * Properties of {@link MySystemsCard}.
 * @public
 */
export interface MySystemsCardProps {
  /** Systems shown at most. Default 20. */
  limit?: number;
}

const CONCURRENCY = 4;

/**
 * The body of "My Systems": the Systems owned by the signed-in user or their
 * teams, with the release each environment runs and its drift.
 */
export function MySystemsContent(props: MySystemsCardProps) {
  const { limit = 20 } = props;
  const catalogApi = useApi(catalogApiRef);
  const api = useApi(releaseOrchestrationApiRef);
  const releaseLink = useReleaseViewLink();
  const me = useMyOwnership();
  const systems = useAsync(async () => {
    if (!me.value) return undefined;
    if (me.value.ownership.length === 0) return { rows: [], total: 0 };
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'system', 'relations.ownedBy': me.value.ownership },
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title'],
    });
    const refs = items
      .map(entity => stringifyEntityRef(entity))
      .sort()
      .slice(0, limit);
    const rows: SystemEnvironments[] = new Array(refs.length);
    let next = 0;
    const worker = async () => {
      while (next < refs.length) {
        const index = next++;
        rows[index] = await api.getSystemEnvironments(refs[index]);
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, refs.length) }, worker),
    );
    return { rows, total: items.length };
  }, [catalogApi, api, me.value, limit]);

  const lanes = systems.value?.rows[0]?.environments ?? [];
  let content;
  if (me.loading || systems.loading || (!me.error && !systems.value)) {
    content = <Progress />;
  } else if (me.error || systems.error) {
    content = (
      <DoraErrorPanel
        error={(me.error ?? systems.error)!}
        what="your Systems"
      />
    );
  } else if (systems.value!.rows.length === 0) {
    content = (
      <EmptyState
        missing="data"
        title="No Systems of yours"
        description="Systems owned by you or by a team you belong to (spec.owner of a System entity) appear here."
      />
    );
  } else {
    content = (
      <>
        <Table size="small" aria-label="My Systems">
          <TableHead>
            <TableRow>
              <TableCell>System</TableCell>
              {lanes.map(lane => (
                <TableCell key={lane.environment}>{lane.title}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {systems.value!.rows.map(row => (
              <TableRow key={row.systemRef}>
                <TableCell
                  component="th"
                  scope="row"
                  style={{ whiteSpace: 'nowrap' }}
                >
                  <EntityRefLink entityRef={row.systemRef} hideIcon />
                </TableCell>
                {lanes.map(column => {
                  const lane = row.environments.find(
                    l => l.environment === column.environment,
                  );
                  return (
                    <TableCell key={column.environment}>
                      {lane?.currentRelease ? (
                        <Box display="flex" flexWrap="wrap" gridGap={4}>
                          <Link
                            to={releaseLink(
                              row.systemRef,
                              lane.currentRelease.id,
                            )}
                            style={{ whiteSpace: 'nowrap' }}
                          >
                            {lane.currentRelease.version}
                          </Link>
                          {lane.drift.state !== 'in_sync' && (
                            <DriftBadge
                              drift={lane.drift}
                              environmentTitle={lane.title}
                            />
                          )}
                        </Box>
                      ) : (
                        <Typography variant="body2" color="textSecondary">
                          nothing deployed
                        </Typography>
                      )}
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {systems.value!.total > systems.value!.rows.length && (
          <Typography variant="body2" color="textSecondary">
            The first {systems.value!.rows.length} of {systems.value!.total}{' '}
            Systems, by name.
          </Typography>
        )}
      </>
    );
  }
  return (
    <>
      <Typography variant="body2" color="textSecondary" gutterBottom>
        The release each environment runs; a chip marks drift
      </Typography>
      {content}
    </>
  );
}

/**
 * "My Systems": the Systems owned by the signed-in user or their teams, with
 * the release each environment runs and its drift. For a home page (with
 * `@backstage/plugin-home`, use `HomePageMySystemsCard`).
 * @public
 */
export function MySystemsCard(props: MySystemsCardProps) {
  return (
    <InfoCard title="My Systems">
      <MySystemsContent {...props} />
    </InfoCard>
  );
}
