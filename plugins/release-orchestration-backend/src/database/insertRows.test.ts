import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testStores';
import { insertRows, jsonRowsInsert } from './insertRows';

jest.setTimeout(120_000);

/** Text a JSON parameter must carry unchanged: quotes, escapes, newlines, astral characters. */
const AWKWARD = [
  `it's "quoted" \\ back\\slashed`,
  'line one\nline two\ttabbed\r\n',
  'emoji 🚀 and ünïcödé, 中文, \u2028 separator',
  '{"looks": ["like", "json"]}',
  '?? ? $1 placeholders',
];

async function createTable(knex: Knex) {
  await knex.schema.createTable('things', table => {
    table.string('id', 36).primary();
    table.string('name', 64).notNullable();
    table.text('note').nullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.boolean('flag').notNullable();
    table.bigInteger('n').notNullable();
    table.string('kind', 16).notNullable().defaultTo('plain');
    table.unique(['name']);
  });
}

const rowsOf = (prefix: string) =>
  AWKWARD.map((note, i) => ({
    id: `${prefix}-${i}`,
    name: `${prefix} ${note}`.slice(0, 64),
    note: i === 2 ? null : note,
    at: `2026-12-0${i + 1}T10:11:12.345678Z`,
    flag: i % 2 === 0,
    n: 9_007_199_254_740_000 + i,
  }));

describe('insertRows', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('stores what an ordinary insert stores, and ignores conflicts', async () => {
      const knex = await databases.init(databaseId);
      await createTable(knex);
      await knex('things').insert(rowsOf('plain'));
      const inserted = await insertRows(knex, 'things', rowsOf('json'), {
        ignoreConflictOn: ['name'],
        returning: 'id',
      });
      expect(inserted.map(r => r.id)).toEqual(rowsOf('json').map(r => r.id));
      const stored = await knex('things').orderBy('id').select();
      const plain = stored.filter(r => r.id.startsWith('plain-'));
      const json = stored.filter(r => r.id.startsWith('json-'));
      expect(json).toHaveLength(AWKWARD.length);
      // Column by column the same values as the ordinary insert: the text exactly, the
      // microseconds of the times, the booleans, the big numbers, NULL and the default.
      expect(
        json.map(({ id, name, ...rest }) => ({
          id: id.slice('json'.length),
          name: name.slice('json'.length),
          ...rest,
        })),
      ).toEqual(
        plain.map(({ id, name, ...rest }) => ({
          id: id.slice('plain'.length),
          name: name.slice('plain'.length),
          ...rest,
        })),
      );
      expect(json[0].note).toBe(AWKWARD[0]);
      expect(json[2].note).toBeNull();
      expect(json[0].kind).toBe('plain');

      // The same names again: nothing inserted, nothing returned, nothing changed.
      const again = await insertRows(
        knex,
        'things',
        rowsOf('json').map(r => ({ ...r, id: `${r.id}-again` })),
        { ignoreConflictOn: ['name'], returning: 'id' },
      );
      expect(again).toEqual([]);
      expect(await knex('things').count('* as n')).toEqual([
        { n: knex.client.config.client === 'pg' ? '10' : 10 },
      ]);
    });

    it('uses one JSON parameter on PostgreSQL only, and only when every row gives the same columns', async () => {
      const knex = await databases.init(databaseId);
      const rows = rowsOf('p');
      const query = jsonRowsInsert(knex, 'things', rows);
      if (knex.client.config.client !== 'pg') {
        // eslint-disable-next-line jest/no-conditional-expect
        expect(query).toBeUndefined();
        return;
      }
      const sql = query!.toSQL();
      expect(sql.sql).toContain('json_populate_recordset');
      expect(sql.bindings).toHaveLength(1);
      expect(
        jsonRowsInsert(knex, 'things', [rows[0], { ...rows[1], kind: 'x' }]),
      ).toBeUndefined();
      expect(
        jsonRowsInsert(knex, 'things', [
          rows[0],
          { ...rows[1], note: undefined },
        ]),
      ).toBeUndefined();
      // As many columns as the first row, but one of them another.
      const { note: _note, ...withoutNote } = rows[1];
      expect(
        jsonRowsInsert(knex, 'things', [
          rows[0],
          { ...withoutNote, kind: 'x' },
        ]),
      ).toBeUndefined();
    });
  });

  describe.each(
    databases.eachSupportedId().filter(([id]) => id.startsWith('POSTGRES')),
  )('on %p', databaseId => {
    it('keeps the microseconds of times and refuses a value too long for its column', async () => {
      const knex = await databases.init(databaseId);
      await createTable(knex);
      await insertRows(knex, 'things', rowsOf('json'));
      const times = await knex('things')
        .orderBy('id')
        .select(
          knex.raw(`to_char(at at time zone 'UTC', 'HH24:MI:SS.US') as t`),
        );
      expect(times.map(r => r.t)).toEqual(AWKWARD.map(() => '10:11:12.345678'));
      await expect(
        insertRows(knex, 'things', [
          { ...rowsOf('long')[0], id: 'x'.repeat(37) },
        ]),
      ).rejects.toThrow(/value too long for type character varying\(36\)/);
    });
  });
});
