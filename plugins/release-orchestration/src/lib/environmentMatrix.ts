import {
  ComponentDrift,
  EnvironmentState,
  IncomingChanges,
  RunningComponent,
} from '@release-orchestration/plugin-release-orchestration-common';

/**
 * One component in one lane: what runs, what the lane's current release
 * expects, and how they differ.
 */
export interface ComponentLaneCell {
  environment: string;
  /** The version running there; absent when the component is not deployed there. */
  running?: RunningComponent;
  /** The version the lane's current release ships; absent when it does not ship the component. */
  expectedVersion?: string;
  /** Set when the component is out of line with the release there. */
  drift?: ComponentDrift;
  /** Nothing was deployed to the lane yet. */
  unknown: boolean;
}

/** One row of the component grid: a component and its cell in every lane, in lane order. */
export interface ComponentRow {
  componentRef: string;
  cells: ComponentLaneCell[];
}

/** The cell of one component in one lane. */
export function componentLaneCell(
  lane: EnvironmentState,
  componentRef: string,
): ComponentLaneCell {
  const running = lane.running.find(r => r.componentRef === componentRef);
  const drift = lane.drift.components.find(
    d => d.componentRef === componentRef,
  );
  // Without a drift line, a running component of a lane with a release is that release's version.
  let expectedVersion = drift?.expectedVersion;
  if (!drift && running && lane.currentRelease) {
    expectedVersion = running.version;
  }
  return {
    environment: lane.environment,
    ...(running ? { running } : {}),
    ...(expectedVersion ? { expectedVersion } : {}),
    ...(drift ? { drift } : {}),
    unknown: lane.drift.state === 'unknown',
  };
}

/**
 * Rows of the component grid: every component that runs in, or is expected
 * by, any lane, sorted by ref.
 */
export function componentRows(lanes: EnvironmentState[]): ComponentRow[] {
  const refs = new Set<string>();
  for (const lane of lanes) {
    for (const running of lane.running) {
      refs.add(running.componentRef);
    }
    for (const drift of lane.drift.components) {
      refs.add(drift.componentRef);
    }
  }
  return [...refs].sort().map(componentRef => ({
    componentRef,
    cells: lanes.map(lane => componentLaneCell(lane, componentRef)),
  }));
}

/** The component lines that promoting the previous lane's release would change here. */
export function incomingChangeCount(incoming?: IncomingChanges): number {
  return (incoming?.changes ?? []).filter(c => c.change !== 'unchanged').length;
}

/** Whether nothing at all was reported for any lane of the System. */
export function nothingDeployed(lanes: EnvironmentState[]): boolean {
  return lanes.every(
    lane =>
      !lane.currentRelease && !lane.lastDeployment && lane.running.length === 0,
  );
}
