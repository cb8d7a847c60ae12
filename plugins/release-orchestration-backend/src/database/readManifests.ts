import { Knex } from 'knex';
import { ReleaseComponent } from '@release-orchestration/plugin-release-orchestration-common';

/** The manifests of several releases in one query: component lines with their builds, by component. */
export async function readManifests(
  db: Knex,
  releaseIds: string[],
): Promise<Map<string, ReleaseComponent[]>> {
  const result = new Map<string, ReleaseComponent[]>();
  if (releaseIds.length === 0) {
    return result;
  }
  const rows = await db('release_components as rc')
    .join('builds as b', 'b.id', 'rc.build_id')
    .whereIn('rc.release_id', releaseIds)
    .orderBy('rc.component_ref')
    .select(
      'rc.release_id',
      'rc.component_ref',
      'b.id as build_id',
      'b.version',
      'b.artifact_uri',
      'b.artifact_digest',
      'b.commit_sha',
      'b.build_url',
    );
  for (const r of rows) {
    const list = result.get(r.release_id) ?? [];
    list.push({
      componentRef: r.component_ref,
      version: r.version,
      buildId: r.build_id,
      artifactUri: r.artifact_uri,
      artifactDigest: r.artifact_digest,
      commitSha: r.commit_sha,
      ...(r.build_url ? { buildUrl: r.build_url } : {}),
    });
    result.set(r.release_id, list);
  }
  return result;
}
