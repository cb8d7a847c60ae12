import { HistoryStep } from './doraHistory';

const H = 3_600_000;
const START = Date.parse('2026-11-01T00:00:00.000Z');

/** A small deterministic generator (an LCG), so a failing history can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/**
 * Three weeks of two Systems: builds of three components with one to three commits (some shared
 * by two builds), production deployments of the newest or an older version, some failed, some
 * rollbacks, staging deployments, and deployments reported late (an earlier time than deployments
 * already recorded), which move commits from a later deployment to the earlier one; incidents,
 * attributed automatically, some resolved.
 */
export function generatedHistory(seed: number): HistoryStep[] {
  const next = random(seed);
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)];
  const components = { shop: ['api', 'web'], bank: ['ledger'] } as const;
  const versions = new Map<string, number>();
  const steps: HistoryStep[] = [];
  let t = START;
  for (let i = 0; i < 90; i++) {
    t += Math.round((1 + next() * 5) * H);
    const system = pick(['shop', 'bank'] as const);
    if (next() < 0.5) {
      const component = pick([...components[system]]);
      const version = (versions.get(component) ?? 0) + 1;
      versions.set(component, version);
      const commits: Array<string | [string, string]> = [];
      const count = 1 + Math.floor(next() * 3);
      for (let c = 0; c < count; c++) {
        const at = new Date(
          t - Math.round((1 + next() * 30) * H),
        ).toISOString();
        commits.push(
          next() < 0.15
            ? [`shared-${component}-${Math.floor(next() * 4)}`, at]
            : at,
        );
      }
      steps.push({
        build: `${component}@${version}`,
        at: new Date(t).toISOString(),
        commits,
      });
      continue;
    }
    if (next() < 0.12) {
      const opened = t - Math.round(next() * 2 * H);
      steps.push({
        incident: `i${i}`,
        system,
        opened: new Date(opened).toISOString(),
        ...(next() < 0.8
          ? {
              resolved: new Date(
                opened + Math.round((0.2 + next() * 20) * H),
              ).toISOString(),
            }
          : {}),
      });
      continue;
    }
    const built = components[system].filter(c => versions.has(c));
    if (built.length === 0) continue;
    const lines = built.map(c => {
      const newest = versions.get(c)!;
      return `${c}@${next() < 0.25 && newest > 1 ? newest - 1 : newest}`;
    });
    const late = next() < 0.2;
    const at = new Date(
      late ? t - Math.round((3 + next() * 40) * H) : t,
    ).toISOString();
    steps.push({
      deploy: `d${i}`,
      system,
      components: lines,
      at,
      ...(next() < 0.15 ? { env: 'staging' } : {}),
      ...(next() < 0.15 ? { failed: true } : {}),
      ...(next() < 0.1 ? { rollback: true } : {}),
    });
  }
  return steps;
}
