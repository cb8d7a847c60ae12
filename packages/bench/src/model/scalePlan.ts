/** The reference large installation of the design (shared/DESIGN.md, "Scale model"). */
export const REFERENCE_INSTALLATION = {
  groups: 200,
  systems: 1_000,
  components: 10_000,
  builds: 2_000_000,
  deployments: 1_000_000,
  incidents: 20_000,
  releases: 100_000,
  days: 730,
} as const;

/** The default end of the generated history: fixed, so that a seed always gives the same rows. */
export const DEFAULT_END = '2026-11-01T00:00:00.000Z';

const DAY_MS = 86_400_000;

/** How much to generate: the reference installation times `scale`, over two years up to `end`. */
export interface ScalePlan {
  scale: number;
  seed: number;
  /** Every Group: the release managers, departments and teams. */
  groups: number;
  departments: number;
  teams: number;
  systems: number;
  components: number;
  builds: number;
  releases: number;
  /** Deployments aimed at; the generator lands within a fraction of a percent of it. */
  deployments: number;
  incidents: number;
  /** Epoch ms of the first and the last moment of the history. */
  start: number;
  end: number;
}

/**
 * The counts of a generated installation. Every count scales linearly; small scales keep the
 * minimum that still makes a meaningful organisation (two Systems, a team and a department).
 */
export function scalePlan(
  scale: number,
  options: { seed?: number; end?: string } = {},
): ScalePlan {
  if (!(scale > 0) || scale > 10) {
    throw new Error(`--scale: must be a number in (0, 10], got ${scale}`);
  }
  const r = REFERENCE_INSTALLATION;
  const groups = Math.max(3, Math.round(r.groups * scale));
  const departments = Math.max(1, Math.round((groups - 1) / 10));
  const systems = Math.max(2, Math.round(r.systems * scale));
  const components = Math.max(2 * systems, Math.round(r.components * scale));
  const releases = Math.max(systems, Math.round(r.releases * scale));
  const end = Date.parse(options.end ?? DEFAULT_END);
  if (Number.isNaN(end)) {
    throw new Error(`--end: must be an ISO 8601 date-time, got ${options.end}`);
  }
  return {
    scale,
    seed: options.seed ?? 1,
    groups,
    departments,
    teams: groups - 1 - departments,
    systems,
    components,
    builds: Math.max(2 * components, Math.round(r.builds * scale)),
    releases,
    deployments: Math.max(4 * releases, Math.round(r.deployments * scale)),
    incidents: Math.max(1, Math.round(r.incidents * scale)),
    start: end - r.days * DAY_MS,
    end,
  };
}
