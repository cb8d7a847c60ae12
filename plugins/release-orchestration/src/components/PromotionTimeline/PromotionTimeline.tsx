import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Grid, { GridSize } from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import PromoteIcon from '@material-ui/icons/ArrowForward';
import DoneIcon from '@material-ui/icons/Done';
import {
  EnvironmentPolicy,
  ReleaseDetails,
} from '@release-orchestration/plugin-release-orchestration-common';
import { useState } from 'react';
import {
  afterCaption,
  describePolicy,
  fanOutLanes,
  ReleaseLane,
  releaseLanes,
} from '../../lib/promotionLanes';
import { FanOutPromoteDialog } from '../FanOutPromoteDialog';
import { missingPromoteReason } from '../../lib/promotionNextStep';
import { PromoteDialog } from '../PromoteDialog';
import { PromotionEntry } from './PromotionEntry';

/** A lane's policy as the System's named policy sets it. */
type LanePolicy = EnvironmentPolicy & { policyName?: string };

/**
 * Properties of {@link PromotionTimeline}.
 */
export interface PromotionTimelineProps {
  release: ReleaseDetails;
  /**
   * The configured lanes, in promotion order, with the policy in force for the
   * release's System (`policyName` when a named policy sets the lane).
   */
  environments: LanePolicy[];
  /** Promotions the signed-in user may vote on now. */
  votable: ReadonlySet<string>;
  /** Whether the user may ask for promotions. */
  canPromote: boolean;
  /** The signed-in user's entity ref: their own requests say so and can be withdrawn. */
  userRef?: string;
  /** Called after a request or a vote, to reload the release. */
  onChanged(): void;
}

function Lane(props: {
  lane: ReleaseLane;
  previous?: ReleaseLane;
  next?: ReleaseLane;
  release: ReleaseDetails;
  votable: ReadonlySet<string>;
  canPromote: boolean;
  userRef?: string;
  /** "after Staging" when the lane does not simply follow the one shown before it. */
  caption?: string;
  onPromote(lane: ReleaseLane): void;
  onChanged(): void;
}) {
  const { lane, release, votable, canPromote, onPromote, onChanged } = props;
  // The gate refuses a quarantined release everywhere; say so instead of offering Promote.
  const quarantined = Boolean(release.quarantine) && lane.promotable;
  const reason = quarantined
    ? `Release ${release.version} is quarantined: it cannot be promoted until the quarantine is lifted.`
    : missingPromoteReason(lane, props.previous, canPromote);
  const policyName = (lane.policy as LanePolicy | undefined)?.policyName;
  return (
    <Paper variant="outlined" style={{ height: '100%' }}>
      <Box p={2} role="region" aria-label={`${lane.title} lane`}>
        <Box display="flex" alignItems="center" style={{ gap: 8 }}>
          <Typography variant="h6" component="h3">
            {lane.title}
          </Typography>
          {lane.succeeded && (
            <Chip size="small" icon={<DoneIcon />} label="succeeded here" />
          )}
        </Box>
        {props.caption && (
          <Typography variant="caption" component="div">
            <strong>{props.caption}</strong>
          </Typography>
        )}
        {lane.policy ? (
          <Typography variant="caption" color="textSecondary" component="div">
            {policyName && `Policy ${policyName}: `}
            {describePolicy(lane.policy).join(' · ')}
          </Typography>
        ) : (
          <Typography variant="caption" color="textSecondary" component="div">
            no longer configured
          </Typography>
        )}
        {canPromote && lane.promotable && !quarantined && (
          <Box mt={1}>
            <Button
              variant="contained"
              color="primary"
              size="small"
              endIcon={<PromoteIcon />}
              onClick={() => onPromote(lane)}
            >
              Promote to {lane.title}
            </Button>
          </Box>
        )}
        {reason && (
          <Typography variant="body2" style={{ marginTop: 8 }}>
            {reason}
          </Typography>
        )}
        {lane.promotions.length === 0 ? (
          <Typography
            variant="body2"
            color="textSecondary"
            style={{ marginTop: 16 }}
          >
            Release {release.version} has not been promoted here.
          </Typography>
        ) : (
          lane.promotions.map((promotion, index) => (
            <PromotionEntry
              key={promotion.id}
              promotion={promotion}
              votable={votable.has(promotion.id)}
              userRef={props.userRef}
              nextLaneTitle={props.next?.policy ? props.next.title : undefined}
              newest={index === 0}
              onChanged={onChanged}
            />
          ))
        )}
      </Box>
    </Paper>
  );
}

/**
 * Where a release has been promoted: one column per lane in promotion order,
 * each with its promotions (state, requester, approvals, history), and
 * "Promote to" on the lanes the release can go to next.
 */
export function PromotionTimeline(props: PromotionTimelineProps) {
  const { release, environments, votable, canPromote, userRef, onChanged } =
    props;
  const [promoting, setPromoting] = useState<ReleaseLane | undefined>();
  // The lanes the fan-out dialog opened with: a reload of the release while it is open (a signal,
  // or the answer of the request itself) must not change the lanes it asked for.
  const [fanningOut, setFanningOut] = useState<ReleaseLane[] | undefined>();
  const lanes = releaseLanes(environments, release.promotions);
  const titleOf = (name: string) =>
    lanes.find(l => l.name === name)?.title ?? name;
  // Lanes after the same lane that can all be asked for now: one request for all of them.
  const fanOut = canPromote && !release.quarantine ? fanOutLanes(lanes) : [];
  const width = Math.max(
    3,
    Math.floor(12 / Math.max(1, lanes.length)),
  ) as GridSize;

  return (
    <InfoCard
      title="Promotions"
      subheader="Each environment lane in promotion order (lanes after the same lane side by side), newest promotion first"
    >
      {fanOut.length > 1 && (
        <Box mb={2} display="flex" alignItems="center" style={{ gap: 16 }}>
          <Button
            variant="outlined"
            color="primary"
            endIcon={<PromoteIcon />}
            onClick={() => setFanningOut(fanOut)}
          >
            Promote to {fanOut.map(l => l.title).join(' and ')}
          </Button>
          <Typography variant="body2" color="textSecondary">
            These lanes all come after{' '}
            {fanOut[0].after.map(titleOf).join(' and ')}: request them together
            (each keeps its own approvals), or one by one below.
          </Typography>
        </Box>
      )}
      <Grid container spacing={2}>
        {lanes.map((lane, index) => (
          <Grid item xs={12} md={width} key={lane.name}>
            <Lane
              lane={lane}
              previous={lanes[index - 1]}
              next={lanes[index + 1]}
              caption={afterCaption(lane, lanes[index - 1], titleOf)}
              userRef={userRef}
              release={release}
              votable={votable}
              canPromote={canPromote}
              onPromote={setPromoting}
              onChanged={onChanged}
            />
          </Grid>
        ))}
      </Grid>
      {fanningOut && (
        <FanOutPromoteDialog
          release={release}
          environments={fanningOut}
          onClose={() => setFanningOut(undefined)}
          onRequested={() => {
            setFanningOut(undefined);
            onChanged();
          }}
        />
      )}
      {promoting && (
        <PromoteDialog
          release={release}
          environment={promoting}
          onClose={() => setPromoting(undefined)}
          onRequested={() => {
            setPromoting(undefined);
            onChanged();
          }}
        />
      )}
    </InfoCard>
  );
}
