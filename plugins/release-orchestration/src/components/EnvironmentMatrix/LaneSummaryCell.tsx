import { Link } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import IncomingIcon from '@material-ui/icons/CallMade';
import {
  ComponentChange,
  EnvironmentState,
} from '@release-orchestration/plugin-release-orchestration-common';
import { plural } from '../../lib/doraFormat';
import { entityNameOf } from '../../lib/entityRef';
import { incomingChangeCount } from '../../lib/environmentMatrix';
import { formatAbsolute, formatRelative } from '../../lib/format';
import { ActorName } from '../ActorName';
import { DeploymentStatusBadge } from '../DeploymentStatusBadge';
import { DriftBadge } from '../DriftBadge';
import { QuarantineChip } from '../QuarantineChip';
import { KnownGoodMarker } from '../KnownGoodMarker';

function describeChange(change: ComponentChange): string {
  const name = entityNameOf(change.componentRef);
  switch (change.change) {
    case 'added':
      return `${name}: added at ${change.toVersion}`;
    case 'removed':
      return `${name}: removed (was ${change.fromVersion})`;
    default:
      return `${name}: ${change.fromVersion} → ${change.toVersion}`;
  }
}

function Incoming(props: { lane: EnvironmentState; previousTitle: string }) {
  const { incoming } = props.lane;
  if (!incoming?.release) {
    return null;
  }
  const count = incomingChangeCount(incoming);
  if (count === 0) {
    return (
      <Typography variant="caption" color="textSecondary">
        Up to date with {props.previousTitle}
      </Typography>
    );
  }
  const lines = incoming.changes.filter(c => c.change !== 'unchanged');
  return (
    <Tooltip
      title={
        <>
          Promoting {incoming.release.version} from {props.previousTitle} would
          change:
          {lines.map(line => (
            <div key={line.componentRef}>{describeChange(line)}</div>
          ))}
        </>
      }
    >
      <Typography variant="caption" component="span">
        <IncomingIcon
          fontSize="inherit"
          style={{ verticalAlign: 'middle', marginRight: 4 }}
        />
        {plural(count, 'change')} incoming from {props.previousTitle}{' '}
        <span style={{ whiteSpace: 'nowrap' }}>
          ({incoming.release.version})
        </span>
      </Typography>
    </Tooltip>
  );
}

/**
 * Properties of {@link LaneSummaryCell}.
 */
export interface LaneSummaryCellProps {
  lane: EnvironmentState;
  /** The title of the lane before this one, for the incoming changes. */
  previousTitle?: string;
  releaseLink(releaseId: string): string;
  onShowDrift(): void;
  /**
   * The production lane (the last one), for "Changed since Production": the
   * release page compared with what runs there. Absent on that lane itself.
   */
  production?: { environment: string; title: string };
}

/**
 * One lane's headline: its current release, when and by whom it was deployed,
 * the known-good release, drift, a running or failed deployment, and what
 * promoting the previous lane's release would change.
 */
export function LaneSummaryCell(props: LaneSummaryCellProps) {
  const { lane, previousTitle, releaseLink, onShowDrift, production } = props;
  const { currentRelease: current, knownGoodRelease: knownGood } = lane;
  return (
    // Plain divs, not Box: a Box attaches a style sheet of its own per instance.
    <div style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
      {current ? (
        <div>
          <Typography variant="h6" component="span">
            <Link to={releaseLink(current.id)}>{current.version}</Link>
          </Typography>
          {knownGood?.id === current.id && <KnownGoodMarker />}
          {current.quarantineReason && (
            <QuarantineChip reason={current.quarantineReason} />
          )}
          {current.rollback && (
            <Chip
              size="small"
              label="rollback"
              style={{ marginLeft: 6, marginBottom: 0 }}
            />
          )}
          <Typography variant="caption" color="textSecondary" component="p">
            deployed{' '}
            <time
              dateTime={current.deployedAt}
              title={formatAbsolute(current.deployedAt)}
            >
              {formatRelative(current.deployedAt)}
            </time>{' '}
            by <ActorName actor={current.deployer} />
          </Typography>
        </div>
      ) : (
        <Typography variant="body2" color="textSecondary">
          No release deployed
        </Typography>
      )}
      {knownGood && knownGood.id !== current?.id && (
        <Typography variant="caption">
          Known-good
          <KnownGoodMarker />{' '}
          <Link to={releaseLink(knownGood.id)}>{knownGood.version}</Link>
        </Typography>
      )}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
        <DriftBadge
          drift={lane.drift}
          environmentTitle={lane.title}
          onShowDetails={onShowDrift}
        />
        <DeploymentStatusBadge deployment={lane.lastDeployment} />
      </div>
      {previousTitle && <Incoming lane={lane} previousTitle={previousTitle} />}
      {current && production && production.environment !== lane.environment && (
        <Typography variant="caption">
          <Link
            to={`${releaseLink(current.id)}?against=${encodeURIComponent(
              production.environment,
            )}`}
            aria-label={`${lane.title}'s release ${current.version}: changed since ${production.title}`}
          >
            Changed since {production.title}
          </Link>
        </Typography>
      )}
    </div>
  );
}
