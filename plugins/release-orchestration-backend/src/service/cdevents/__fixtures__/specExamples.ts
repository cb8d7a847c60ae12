import fs from 'node:fs';
import path from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

/**
 * The CDEvents specification's own conformance examples (vendored with its schemas under
 * ../schemas/v<version>/conformance), keyed by `<subject>.<predicate>`.
 */
export function specExamples(version: string): Record<string, any> {
  const dir = resolvePackagePath(
    '@release-orchestration/plugin-release-orchestration-backend',
    `src/service/cdevents/schemas/v${version}/conformance`,
  );
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .filter(f => f.endsWith('.json'))
      .map(f => {
        const event = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
        return [event.context.type.split('.').slice(2, 4).join('.'), event];
      }),
  );
}

/**
 * A spec example with its own event id and the plugin's overrides added to its customData (the
 * examples name services and environments this test catalog does not have).
 */
export function withOverrides(
  event: any,
  id: string,
  overrides: Record<string, unknown>,
) {
  const customData =
    event.customData && typeof event.customData === 'object'
      ? event.customData
      : {};
  return {
    ...event,
    context: { ...event.context, id },
    customData: { ...customData, releaseOrchestration: overrides },
  };
}
