import { Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  ComponentChange,
  Evidence,
  PromotionQueueItem,
} from '@release-orchestration/plugin-release-orchestration-common';
import useAsync from 'react-use/esm/useAsync';
import { releaseOrchestrationApiRef } from '../../api';
import { entityNameOf } from '../../lib/entityRef';
import { errorMessage } from '../../lib/errorMessage';
import { explainRisk } from '../../lib/explainRisk';
import { useActorName } from '../../hooks/useActorDisplayName';
import { ActorName } from '../ActorName';
import { ChangeApprovalsSummary } from '../ChangeApprovals';
import { ChangeChip } from '../ChangeChip';
import { EvidenceStatusChip } from '../EvidenceStatusChip';

/** What a queued promotion changes in its lane, and the release's evidence, loaded on demand. */
export function useQueueItemContext(item: PromotionQueueItem) {
  const api = useApi(releaseOrchestrationApiRef);
  const { promotion, release } = item;
  return useAsync(async () => {
    const [details, lanes] = await Promise.all([
      api.getRelease(release.id),
      api.getSystemEnvironments(promotion.systemRef),
    ]);
    const current = lanes.environments.find(
      l => l.environment === promotion.environment,
    )?.currentRelease;
    let changes: ComponentChange[];
    if (current && current.id !== release.id) {
      changes = (await api.getReleaseDiff(release.id, current.id)).changes;
    } else if (current) {
      changes = details.components.map(c => ({
        componentRef: c.componentRef,
        change: 'unchanged' as const,
        fromVersion: c.version,
        toVersion: c.version,
      }));
    } else {
      changes = details.components.map(c => ({
        componentRef: c.componentRef,
        change: 'added' as const,
        toVersion: c.version,
      }));
    }
    const evidence = details.evidence.filter(
      e => !e.environment || e.environment === promotion.environment,
    );
    return { current, changes, evidence };
  }, [api, release.id, promotion.systemRef, promotion.environment]);
}

function versionChange(change: ComponentChange) {
  if (change.change === 'added') return `new: ${change.toVersion}`;
  if (change.change === 'removed') return `removed (was ${change.fromVersion})`;
  if (change.change === 'unchanged') return `${change.toVersion}, unchanged`;
  return `${change.fromVersion} → ${change.toVersion}`;
}

function EvidenceList(props: { evidence: Evidence[]; required: string[] }) {
  const { evidence, required } = props;
  const types = new Set(evidence.map(e => e.type));
  const absent = required.filter(t => !types.has(t));
  if (evidence.length === 0 && absent.length === 0) {
    return <Typography variant="body2">No evidence is attached.</Typography>;
  }
  return (
    <Box component="ul" m={0} pl={2}>
      {evidence.map(e => (
        <li key={e.id}>
          <Box
            display="flex"
            alignItems="center"
            flexWrap="wrap"
            style={{ gap: 8 }}
          >
            <EvidenceStatusChip status={e.status} />
            <Link to={e.url}>{e.type}</Link>
            {required.includes(e.type) && (
              <Typography variant="caption" color="textSecondary">
                required
              </Typography>
            )}
          </Box>
          <Typography variant="body2" style={{ overflowWrap: 'anywhere' }}>
            {e.summary} (attached by <ActorName actor={e.createdBy} />)
          </Typography>
        </li>
      ))}
      {absent.map(type => (
        <li key={type}>
          <Typography variant="body2" color="error">
            {type}: required, not attached
          </Typography>
        </li>
      ))}
    </Box>
  );
}

/**
 * The context a release manager needs before voting on a queued promotion:
 * what it changes in the lane (components and versions, against the release
 * running there now), the evidence with its status, and why the risk is what it is.
 * Shown in an expanded queue row and in the Approve / Reject dialog.
 */
export function QueueItemDetails(props: {
  item: PromotionQueueItem;
  laneTitle: string;
  /** Heading level of the three section titles. */
  headingLevel?: 'h3' | 'h4';
}) {
  const { item, laneTitle, headingLevel = 'h3' } = props;
  const context = useQueueItemContext(item);
  const actorName = useActorName();
  const heading = (text: string) => (
    <Typography variant="subtitle2" component={headingLevel} gutterBottom>
      {text}
    </Typography>
  );
  if (context.loading) {
    return <Progress />;
  }
  if (context.error) {
    return (
      <Alert severity="error">
        Could not load what this promotion changes:{' '}
        {errorMessage(context.error)}
      </Alert>
    );
  }
  const { current, changes, evidence } = context.value!;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={5}>
        {heading(
          current
            ? `What changes in ${laneTitle} (now ${current.version})`
            : `What changes in ${laneTitle} (nothing released there yet)`,
        )}
        <Box component="ul" m={0} pl={2}>
          {changes.map(c => (
            <li key={c.componentRef}>
              <Box
                display="flex"
                alignItems="center"
                flexWrap="wrap"
                style={{ gap: 8 }}
              >
                <Typography variant="body2" component="span">
                  {entityNameOf(c.componentRef)}
                </Typography>
                <ChangeChip change={c.change} />
                <Typography
                  variant="body2"
                  component="span"
                  style={{ whiteSpace: 'nowrap' }}
                >
                  {versionChange(c)}
                </Typography>
              </Box>
              {c.commits && c.commits.length > 0 && (
                <Typography
                  variant="caption"
                  color="textSecondary"
                  display="block"
                >
                  {c.commits.length === 1
                    ? '1 commit'
                    : `${c.commits.length} commits`}
                  {`: ${(c.commits[0]?.message ?? '').split('\n')[0]}`}
                  {c.commits.length > 1 ? ' …' : ''}
                </Typography>
              )}
            </li>
          ))}
        </Box>
      </Grid>
      <Grid item xs={12} md={4}>
        {heading('Evidence')}
        <EvidenceList
          evidence={evidence}
          required={item.promotion.policy.requiredEvidence}
        />
      </Grid>
      <Grid item xs={12} md={3}>
        {heading(`Why ${item.release.riskClass} risk`)}
        <Box component="ul" m={0} pl={2}>
          {explainRisk(item, laneTitle, changes, actorName).map(reason => (
            <li key={reason}>
              <Typography variant="body2">{reason}</Typography>
            </li>
          ))}
        </Box>
      </Grid>
      {item.promotion.changeApprovals && (
        <Grid item xs={12}>
          <ChangeApprovalsSummary
            changeApprovals={item.promotion.changeApprovals}
            policy={item.promotion.policy}
            laneTitle={laneTitle}
            requested
          />
        </Grid>
      )}
    </Grid>
  );
}
