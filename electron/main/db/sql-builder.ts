/**
 * Kysely as a typed SQL builder only: queries are compiled for the workspace's
 * dialect and run by the workspace itself (its own transactions, statement
 * cache and write queue), never by a Kysely driver. The DummyDriver makes any
 * attempt to execute through Kysely fail loudly.
 */
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type CompiledQuery,
} from 'kysely';
import type { Database } from './schema';

export type SqlDialect = 'sqlite' | 'postgres';

export type QueryBuilder = Kysely<Database>;

/** A built query whose rows have type R. */
export type Query<R> = Compilable<R>;

const builders: Record<SqlDialect, QueryBuilder> = {
  sqlite: new Kysely<Database>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  }),
  postgres: new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  }),
};

export function queryBuilder(dialect: SqlDialect): QueryBuilder {
  return builders[dialect];
}

export type { CompiledQuery };

/** `count(*)` arrives as a number from SQLite and as BIGINT text from PostgreSQL: one number either way. */
export function toCount(value: string | number | bigint | undefined): number {
  return value === undefined ? 0 : Number(value);
}
