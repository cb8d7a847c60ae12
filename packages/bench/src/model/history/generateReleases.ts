import {
  band,
  chance,
  pick,
  randomHex,
  randomUuid,
  uniform,
} from '@release-orchestration/demo-data';
import {
  DAY,
  GenComponent,
  GenRelease,
  HOUR,
  iso,
  MIN,
  newestBuildAt,
  sortedTimes,
  SystemContext,
} from './types';

/**
 * The releases of a System, spread over the history after its first builds: each ships the
 * newest build of every component at the time it was cut, with unit-test and security-scan
 * evidence attached after it.
 */
export function generateReleases(
  ctx: SystemContext,
  components: GenComponent[],
): GenRelease[] {
  const { plan, system, random, sink, users } = ctx;
  const times = sortedTimes(
    random,
    system.releases,
    plan.start + 3 * DAY,
    plan.end - 6 * HOUR,
  );
  return times.map((at, n) => {
    const id = randomUuid(random);
    const version = `${n + 1}.0.0`;
    const author = pick(random, users);
    const draw = random.next();
    const risk = band(
      draw,
      [
        [0.2, 'high'],
        [0.6, 'medium'],
      ],
      'low',
    );
    sink.write('releases', [
      id,
      system.ref,
      version,
      `Release ${version} of ${system.ref}`,
      risk,
      components.length,
      author,
      iso(at),
    ]);
    const lines = components.map((component, c) => ({
      component: c,
      build: newestBuildAt(component.builds, at),
    }));
    for (const line of lines) {
      sink.write('release_components', [
        id,
        components[line.component].ref,
        components[line.component].builds[line.build].id,
      ]);
    }
    const scan = random.next();
    const evidence: Array<[string, string, number]> = [
      ['unit-tests', 'pass', 10],
      [
        'security-scan',
        band(
          scan,
          [
            [0.93, 'pass'],
            [0.98, 'warn'],
          ],
          'fail',
        ),
        30,
      ],
    ];
    for (const [type, status, after] of evidence) {
      const evidenceId = randomUuid(random);
      sink.write('evidence', [
        evidenceId,
        id,
        type,
        status,
        `https://ci.example.com/reports/${evidenceId}`,
        `${type} ${status} for ${version}`,
        null,
        chance(random, 0.8) ? `sha256:${randomHex(random, 32)}` : null,
        'service:ci-pipeline',
        iso(at + Math.round(uniform(random, after, after + 20) * MIN)),
      ]);
    }
    return { id, at, author, lines };
  });
}
