import { DoraWeek } from '@release-orchestration/plugin-release-orchestration-common';
import { inRange, TimeRange, weeksOverlapping } from './doraCalendar';
import {
  DeploymentDayCounts,
  LeadTimeStats,
  RecoveryEvent,
} from './doraInputs';
import { recoverySeconds } from './computeDoraWindow';
import { median } from './percentile';

/** The weeks of a window for charts; `leadTimes` holds one entry per week of {@link weeksOverlapping}. */
export function computeDoraWeeks(
  range: TimeRange,
  days: DeploymentDayCounts[],
  leadTimes: LeadTimeStats[],
  recoveries: RecoveryEvent[],
): DoraWeek[] {
  // A day belongs to the week its noon falls in; days come from this window only.
  const noons = days.map(d => Date.parse(`${d.day}T12:00:00Z`));
  return weeksOverlapping(range).map((week, index) => {
    const bounds = weekBounds(week.weekStart);
    const inWeek = days.filter((_, i) => inRange(noons[i], bounds));
    const total = (key: keyof Omit<DeploymentDayCounts, 'day'>) =>
      inWeek.reduce((n, d) => n + d[key], 0);
    const finished = total('finished');
    const changes = total('changes');
    const failedChanges = total('failedChanges');
    const reworked = total('reworked');
    const recovered = recoverySeconds(
      recoveries.filter(r => inRange(r.startedAt, week)),
    );
    const recoveryMedian = median(recovered);
    const lead = leadTimes[index];
    return {
      weekStart: week.weekStart,
      from: new Date(week.from).toISOString(),
      to: new Date(week.to).toISOString(),
      deployments: total('deployments'),
      rollbacks: total('rollbacks'),
      finishedDeployments: finished,
      changes,
      failedChanges,
      ...(changes > 0 ? { changeFailureRate: failedChanges / changes } : {}),
      reworked,
      ...(finished > 0 ? { reworkRate: reworked / finished } : {}),
      leadTimeCommits: lead.commits,
      ...(lead.medianSeconds !== undefined
        ? { leadTimeMedianSeconds: lead.medianSeconds }
        : {}),
      recoveries: recovered.length,
      ...(recoveryMedian !== undefined
        ? { recoveryMedianSeconds: recoveryMedian }
        : {}),
    };
  });
}

function weekBounds(weekStart: string): TimeRange {
  const from = Date.parse(`${weekStart}T00:00:00Z`);
  return { from, to: from + 7 * 86_400_000 };
}
