import { InputError } from '@backstage/errors';
import express from 'express';

/** What a PostgreSQL data exception (SQLSTATE class 22) says about the value. */
const POSTGRES_DATA_EXCEPTIONS: Record<string, string> = {
  '22001': 'is too long for its database column',
  '22003': 'is a number out of range',
  '22007': 'is not a date-time the database can store',
  '22008': 'is not a date-time the database can store',
  '22021': 'contains a character the database cannot store (such as NUL)',
  '22P02': 'has a format the database cannot read',
  '22P05': 'contains a character the database cannot store (such as NUL)',
};

/** SQLite's errors that mean "this value cannot be stored", not "the database is broken". */
const SQLITE_DATA_EXCEPTIONS: Record<string, string> = {
  SQLITE_TOOBIG: 'is too large for the database',
  SQLITE_RANGE: 'is out of range',
  SQLITE_MISMATCH: 'has the wrong type for its database column',
};

/**
 * A data exception the database raised about a value the request sent, as a 400, or undefined.
 * The driver's message is not repeated: knex prefixes it with the SQL and its bindings.
 */
export function describeDataException(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') {
    return undefined;
  }
  const { code, column } = error as { code?: unknown; column?: unknown };
  if (typeof code !== 'string') {
    return undefined;
  }
  const problem =
    POSTGRES_DATA_EXCEPTIONS[code] ??
    (/^22[0-9A-Z]{3}$/.test(code)
      ? 'is not a value the database can store'
      : SQLITE_DATA_EXCEPTIONS[code]);
  if (!problem) {
    return undefined;
  }
  const field = typeof column === 'string' && column ? column : 'a value';
  return `Invalid request: ${field} ${problem} (database error ${code})`;
}

/**
 * The backstop behind validation: a database data exception (PostgreSQL SQLSTATE 22xxx, or
 * SQLite's equivalents) is the client's value, so it is a 400 naming the column when the
 * database says which, never a 500.
 */
export function databaseErrorHandler(): express.ErrorRequestHandler {
  return (err, _req, _res, next) => {
    const message = describeDataException(err);
    next(message ? new InputError(message) : err);
  };
}
