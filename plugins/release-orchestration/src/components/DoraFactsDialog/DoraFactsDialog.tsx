import { useCallback, useEffect, useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  DoraFactsPage,
  DoraMetric,
} from '@release-orchestration/plugin-release-orchestration-common';
import { releaseOrchestrationApiRef } from '../../api';
import { doraFactsCsv } from '../../lib/doraFactsCsv';
import { formatDuration } from '../../lib/doraFormat';
import { RELEASES_TAB_PATH } from '../../lib/paths';
import { LoadMoreButton } from '../LoadMoreButton/LoadMoreButton';

type Fact = DoraFactsPage['items'][number];

/** The release page of a deployment, in its System's Releases tab. */
function releaseLink(systemRef: string, releaseId: string, text: string) {
  const { namespace, name } = parseEntityRef(systemRef);
  return (
    <Link
      to={`/catalog/${namespace}/system/${name}/${RELEASES_TAB_PATH}/${releaseId}`}
    >
      {text}
    </Link>
  );
}

const HEADERS: Record<Fact['kind'], string[]> = {
  deployment: ['Finished', 'System', 'Release', 'Outcome', 'Failure', 'Rework'],
  commit: ['Deployed', 'Component', 'Commit', 'Committed', 'Lead time'],
  failure: ['Began', 'System', 'Restored', 'Recovery', 'Incidents'],
};

function FactRow({ fact }: { fact: Fact }) {
  if (fact.kind === 'commit') {
    return (
      <TableRow>
        <TableCell>{fact.deployedAt}</TableCell>
        <TableCell>{fact.componentRef}</TableCell>
        <TableCell>{fact.sha.slice(0, 12)}</TableCell>
        <TableCell>{fact.committedAt}</TableCell>
        <TableCell>{formatDuration(fact.leadSeconds)}</TableCell>
      </TableRow>
    );
  }
  if (fact.kind === 'failure') {
    return (
      <TableRow>
        <TableCell>{fact.startedAt}</TableCell>
        <TableCell>{fact.systemRef}</TableCell>
        <TableCell>{fact.restoredAt ?? 'not yet'}</TableCell>
        <TableCell>
          {fact.seconds === undefined ? '—' : formatDuration(fact.seconds)}
        </TableCell>
        <TableCell>
          {fact.incidents.length === 0
            ? 'none: until the next successful deployment'
            : fact.incidents.map(incident => (
                <div key={incident.id}>
                  {incident.url ? (
                    <Link to={incident.url}>{incident.externalId}</Link>
                  ) : (
                    incident.externalId
                  )}{' '}
                  {incident.title}
                </div>
              ))}
        </TableCell>
      </TableRow>
    );
  }
  return (
    <TableRow>
      <TableCell>{fact.deployedAt}</TableCell>
      <TableCell>{fact.systemRef}</TableCell>
      <TableCell>
        {fact.releaseId
          ? releaseLink(
              fact.systemRef,
              fact.releaseId,
              fact.releaseVersion ?? fact.releaseId,
            )
          : 'no release'}
      </TableCell>
      <TableCell>
        {fact.status}
        {fact.rollback ? ', rollback' : ''}
        {fact.hotfix ? ', hotfix' : ''}
      </TableCell>
      <TableCell>{fact.failure.join(', ') || '—'}</TableCell>
      <TableCell>{fact.rework.join(', ') || '—'}</TableCell>
    </TableRow>
  );
}

/** Saves text as a file through the browser. */
function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.click();
  URL.revokeObjectURL(url);
}

/**
 * Properties of {@link DoraFactsDialog}.
 */
export interface DoraFactsDialogProps {
  entity: string;
  metric: DoraMetric;
  title: string;
  from: string;
  to: string;
  onClose(): void;
}

/**
 * The rows behind one DORA figure (`GET /dora/facts`), a page at a time, with
 * links to releases and incidents and a CSV export of what is loaded.
 */
export function DoraFactsDialog(props: DoraFactsDialogProps) {
  const { entity, metric, title, from, to, onClose } = props;
  const api = useApi(releaseOrchestrationApiRef);
  const [items, setItems] = useState<Fact[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | undefined>();

  const load = useCallback(
    async (after?: string) => {
      setLoading(true);
      try {
        const page = await api.listDoraFacts({
          entity,
          metric,
          from,
          to,
          limit: 50,
          cursor: after,
        });
        setItems(previous =>
          after ? [...previous, ...page.items] : page.items,
        );
        setCursor(page.nextCursor);
      } catch (e) {
        setError((e as Error).message);
      } finally {
        setLoading(false);
      }
    },
    [api, entity, metric, from, to],
  );

  useEffect(() => {
    load();
  }, [load]);

  const kind = items[0]?.kind;
  return (
    <Dialog
      open
      onClose={onClose}
      maxWidth="lg"
      fullWidth
      aria-labelledby="dora-facts-title"
    >
      <DialogTitle id="dora-facts-title">
        {title}: the rows behind the number
      </DialogTitle>
      <DialogContent>
        {error && <Typography color="error">{error}</Typography>}
        {!error && !loading && items.length === 0 && (
          <Typography>Nothing in this window.</Typography>
        )}
        {kind && (
          <Table size="small" aria-label={`${title} rows`}>
            <TableHead>
              <TableRow>
                {HEADERS[kind].map(header => (
                  <TableCell key={header}>{header}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map(fact => (
                <FactRow
                  key={
                    fact.kind === 'commit'
                      ? `${fact.componentRef}/${fact.sha}`
                      : fact.deploymentId
                  }
                  fact={fact}
                />
              ))}
            </TableBody>
          </Table>
        )}
        <LoadMoreButton
          hasMore={cursor !== undefined}
          loadingMore={loading}
          onLoadMore={() => load(cursor)}
        />
      </DialogContent>
      <DialogActions>
        <Button
          disabled={items.length === 0}
          onClick={() =>
            download(
              `dora-${metric}-${entity.replace(/[^a-z0-9]+/gi, '-')}.csv`,
              doraFactsCsv(items),
            )
          }
        >
          Export CSV ({items.length} rows loaded)
        </Button>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
