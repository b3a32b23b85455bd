import { readFileSync } from 'node:fs';
import { get_dmmf } from '@prisma/prisma-schema-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { installJobQueue } from '../jobs/boss';
import { migrate, readMigrations } from './migrate';

// The Prisma schema, as Prisma itself reads it (the same wasm the CLI uses), is the reference; the migrated
// database must have exactly its tables, columns, types, nullability, keys, indexes and enums.
interface DmmfField {
  name: string;
  dbName: string | null;
  kind: 'scalar' | 'object' | 'enum';
  type: string;
  isList: boolean;
  isRequired: boolean;
  nativeType: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  dbName?: string | null;
  fields: { name: string; sortOrder?: 'asc' | 'desc' }[];
}
interface Dmmf {
  datamodel: { models: DmmfModel[]; enums: { name: string; values: { name: string }[] }[]; indexes: DmmfIndex[] };
}

const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: readFileSync('prisma/schema.prisma', 'utf8') }))) as Dmmf;
const models = dmmf.datamodel.models;
const table = (m: DmmfModel) => m.dbName ?? m.name;
const column = (m: DmmfModel, field: string) => {
  const f = m.fields.find((x) => x.name === field);
  if (!f) throw new Error(`no field ${m.name}.${field}`);
  return f.dbName ?? f.name;
};

function expectedUdt(f: DmmfField): string {
  const base = (() => {
    if (f.kind === 'enum') return f.type;
    if (f.nativeType?.[0] === 'Date') return 'date';
    switch (f.type) {
      case 'String': return 'text';
      case 'Int': return 'int4';
      case 'BigInt': return 'int8';
      case 'Boolean': return 'bool';
      case 'DateTime': return f.nativeType?.[0] === 'Timestamptz' ? 'timestamptz' : 'timestamp';
      case 'Json': return 'jsonb';
      case 'Float': return 'float8';
      default: throw new Error(`unmapped Prisma type ${f.type}`);
    }
  })();
  return f.isList ? `_${base}` : base;
}

/** Migrations 20261202090000/090001 (partial and covering indexes on findings), as pg_indexes reads them. */
const INDEXES_THE_SCHEMA_CANNOT_STATE = [
  'findings normal (cluster_id, status, severity, id DESC) INCLUDE (source, stage, control_id)',
  'findings normal (status, severity, id DESC) INCLUDE (image_digest) WHERE (cluster_id IS NULL)',
  'findings normal (image_digest, status, severity) INCLUDE (source, control_id, stage, subscription_id) WHERE (cluster_id IS NULL)',
];

describe('migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    // pg-boss keeps its own schema (tables, an enum, functions) beside ours: the drift check reads `public` only.
    await installJobQueue(db.url);
  });
  afterAll(async () => db.drop());

  it('records every migration in Prisma\'s _prisma_migrations format and is idempotent', async () => {
    const files = await readMigrations();
    const { rows } = await db.pool.query('SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name');
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    expect(rows.map((r) => r.checksum)).toEqual(files.map((f) => f.checksum));
    expect(rows.every((r) => r.finished_at instanceof Date && r.applied_steps_count === 1)).toBe(true);
    const again = await migrate(db.url);
    expect(again).toEqual({ applied: [], alreadyApplied: files.length });
  });

  it('creates exactly the tables of the Prisma schema', async () => {
    const { rows } = await db.pool.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'",
    );
    expect(rows.map((r) => r.table_name).sort()).toEqual(models.map(table).sort());
  });

  it('creates the enums with the schema\'s values in order', async () => {
    const { rows } = await db.pool.query<{ typname: string; labels: string[] }>(
      `SELECT t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = 'public' GROUP BY t.typname`,
    );
    const actual = Object.fromEntries(rows.map((r) => [r.typname, r.labels]));
    const expected = Object.fromEntries(dmmf.datamodel.enums.map((e) => [e.name, e.values.map((v) => v.name)]));
    expect(actual).toEqual(expected);
  });

  it.each(models.map((m) => [m.name, m] as const))('model %s: columns, types and nullability match', async (_name, m) => {
    const { rows } = await db.pool.query<{ column_name: string; udt_name: string; is_nullable: string; datetime_precision: number | null }>(
      `SELECT column_name, udt_name, is_nullable, datetime_precision FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = $1`,
      [table(m)],
    );
    const actual = Object.fromEntries(rows.map((r) => [r.column_name, { type: r.udt_name, nullable: r.is_nullable === 'YES' }]));
    const scalar = m.fields.filter((f) => f.kind !== 'object');
    const expected = Object.fromEntries(
      // Prisma lists are nullable columns with a default; required scalars are NOT NULL.
      scalar.map((f) => [f.dbName ?? f.name, { type: expectedUdt(f), nullable: f.isList || !f.isRequired }]),
    );
    expect(actual).toEqual(expected);
    for (const r of rows) if (r.udt_name === 'timestamptz' || r.udt_name === 'timestamp') expect(r.datetime_precision, r.column_name).toBe(3);
  });

  it('has the primary keys, unique constraints and indexes the schema declares, and no others', async () => {
    const { rows } = await db.pool.query<{ tablename: string; indexdef: string; indexname: string }>(
      "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'",
    );
    const actual = rows
      .map((r) => {
        const cols = /\((.*)\)$/.exec(r.indexdef)?.[1] ?? '';
        const kind = r.indexname.endsWith('_pkey') ? 'id' : r.indexdef.startsWith('CREATE UNIQUE') ? 'unique' : 'normal';
        // Operator classes (the trigram search index's gin_trgm_ops) are not part of the comparison.
        return `${r.tablename} ${kind} (${cols.replace(/"/g, '').replace(/ gin_trgm_ops/g, '')})`;
      })
      .sort();
    const expected = dmmf.datamodel.indexes
      .map((ix) => {
        const m = models.find((x) => x.name === ix.model);
        if (!m) throw new Error(ix.model);
        const cols = ix.fields.map((f) => column(m, f.name) + (f.sortOrder === 'desc' ? ' DESC' : '')).join(', ');
        return `${table(m)} ${ix.type} (${cols})`;
      })
      // Partial and covering indexes Prisma's schema cannot state (schema.prisma names them in comments on Finding).
      .concat(INDEXES_THE_SCHEMA_CANNOT_STATE)
      .sort();
    expect(actual).toEqual(expected);
  });

  it('has a foreign key for every relation the schema declares', async () => {
    const { rows } = await db.pool.query<{ source: string; target: string }>(
      `SELECT c.conrelid::regclass::text || '(' || string_agg(a.attname, ',') || ')' AS source, c.confrelid::regclass::text AS target
         FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)
        WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace GROUP BY c.conname, c.conrelid, c.confrelid`,
    );
    const actual = rows.map((r) => `${r.source} -> ${r.target}`).sort();
    const expected = models
      .flatMap((m) =>
        m.fields
          .filter((f) => f.kind === 'object' && f.relationFromFields && f.relationFromFields.length > 0)
          .map((f) => {
            const target = models.find((x) => x.name === f.type);
            if (!target) throw new Error(f.type);
            return `${table(m)}(${(f.relationFromFields ?? []).map((x) => column(m, x)).join(',')}) -> ${table(target)}`;
          }),
      )
      .sort();
    expect(actual).toEqual(expected);
  });
});
