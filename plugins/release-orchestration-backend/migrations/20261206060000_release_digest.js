// @ts-check

const { createHash } = require('node:crypto');

/**
 * Every release carries the sha256 digest of its manifest's canonical form (docs/releases.md):
 * one line `<component ref> <artifact digest, lower case>\n` per component, sorted by component
 * ref in code-unit order, UTF-8. Existing releases are backfilled from their stored manifests.
 * The same form is computed by src/service/manifestDigest.ts and the CLI's verify-manifest.
 *
 * @param {Array<{ componentRef: string, artifactDigest: string }>} lines
 */
function manifestDigest(lines) {
  const text = lines
    .map(l => `${l.componentRef} ${l.artifactDigest.toLowerCase()}\n`)
    .sort() // default sort: UTF-16 code units
    .join('');
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('releases', table => {
    table
      .string('manifest_digest', 71)
      .nullable()
      .comment(
        "sha256:<hex> of the manifest's canonical form (component ref and artifact digest per line), fixed at cut time",
      );
  });
  let after = '';
  for (;;) {
    const ids = (
      await knex('releases')
        .where('id', '>', after)
        .orderBy('id')
        .limit(500)
        .select('id')
    ).map(r => r.id);
    if (ids.length === 0) {
      break;
    }
    const rows = await knex('release_components as rc')
      .join('builds as b', 'b.id', 'rc.build_id')
      .whereIn('rc.release_id', ids)
      .select('rc.release_id', 'rc.component_ref', 'b.artifact_digest');
    /** @type {Map<string, Array<{ componentRef: string, artifactDigest: string }>>} */
    const byRelease = new Map(ids.map(id => [id, []]));
    for (const row of rows) {
      byRelease.get(row.release_id)?.push({
        componentRef: row.component_ref,
        artifactDigest: row.artifact_digest,
      });
    }
    for (const [id, lines] of byRelease) {
      await knex('releases')
        .where({ id })
        .update({ manifest_digest: manifestDigest(lines) });
    }
    after = ids[ids.length - 1];
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  // Not knex's dropColumn: on SQLite it rebuilds the table, and dropping the old one inside the
  // migration's transaction cascades to release_components. Both databases drop a column natively.
  await knex.raw('ALTER TABLE ?? DROP COLUMN ??', [
    'releases',
    'manifest_digest',
  ]);
};
