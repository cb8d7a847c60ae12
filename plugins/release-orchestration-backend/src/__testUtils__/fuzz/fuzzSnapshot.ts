import { Knex } from 'knex';

/** The plugin's tables, read from the database (every migration's, not a list to keep up to date). */
async function tablesOf(knex: Knex): Promise<string[]> {
  const rows: Array<{ name: string }> =
    knex.client.config.client === 'pg'
      ? await knex
          .select('tablename as name')
          .from('pg_tables')
          .whereRaw('schemaname = current_schema()')
      : await knex
          .select('name')
          .from('sqlite_master')
          .where('type', 'table')
          .andWhereNot('name', 'like', 'sqlite_%');
  return rows
    .map(r => r.name)
    .filter(name => !name.startsWith('knex_migrations'))
    .sort();
}

/**
 * What a refused request must not change: the row count of every table of the plugin, and the
 * head of the audit chain (every state change appends an audit event, so an update moves it).
 */
export async function writeSnapshot(
  knex: Knex,
  tables?: string[],
): Promise<string> {
  const names = tables ?? (await tablesOf(knex));
  const counts = await knex.raw(
    names
      .map(() => 'select cast(? as text) as t, count(*) as n from ??')
      .join(' union all '),
    names.flatMap(name => [name, name]),
  );
  const rows: Array<{ t: string; n: number | string }> = Array.isArray(counts)
    ? counts
    : counts.rows;
  const head = names.includes('audit_head')
    ? await knex('audit_head').select()
    : [];
  return JSON.stringify({
    counts: rows.map(r => `${r.t}=${Number(r.n)}`),
    head,
  });
}

/** A function that takes the snapshot, with the table list read once. */
export async function snapshotter(knex: Knex): Promise<() => Promise<string>> {
  const tables = await tablesOf(knex);
  return () => writeSnapshot(knex, tables);
}
