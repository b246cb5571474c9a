import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable, isUnstorableText } from '../../src/database/connection-errors';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });
const queryFailed = (driverError: Error) => new QueryFailedError('SELECT 1', [], driverError);

describe('isDatabaseUnavailable', () => {
  it('recognises lost and refused connections as pg, pg-pool and TypeORM report them', () => {
    for (const e of [
      withCode('ECONNREFUSED'),
      withCode('ECONNRESET'),
      withCode('ETIMEDOUT'),
      withCode('ENOTFOUND'),
      new Error('Connection terminated unexpectedly'),
      new Error('Connection terminated due to connection timeout'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Client has encountered a connection error and is not queryable'),
      withCode('08006'),
      withCode('08001'),
      withCode('57P01'),
      withCode('57P02'),
      withCode('57P03'),
      withCode('53300'),
      queryFailed(new Error('Connection terminated unexpectedly')),
      queryFailed(withCode('57P01', 'terminating connection due to administrator command')),
      new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]),
      new Error('wrapped', { cause: withCode('ECONNRESET') }),
    ]) {
      expect([e.message, isDatabaseUnavailable(e)]).toEqual([e.message, true]);
    }
  });

  it('leaves ordinary query errors and bugs alone', () => {
    for (const e of [
      queryFailed(withCode('23505', 'duplicate key value violates unique constraint')),
      queryFailed(withCode('40001', 'could not serialize access')),
      queryFailed(withCode('42P01', 'relation "nope" does not exist')),
      queryFailed(withCode('22021', 'invalid byte sequence for encoding "UTF8": 0x00')),
      queryFailed(withCode('57014', 'canceling statement due to statement timeout')),
      withCode('ERR_INVALID_ARG_TYPE'),
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      null,
      undefined,
      'Connection terminated',
    ]) {
      expect([String(e), isDatabaseUnavailable(e)]).toEqual([String(e), false]);
    }
  });
});

describe('isUnstorableText', () => {
  it('recognises PostgreSQL refusing a NUL or an untranslatable character, and nothing else', () => {
    expect(isUnstorableText(queryFailed(withCode('22021')))).toBe(true);
    expect(isUnstorableText(queryFailed(withCode('22P05')))).toBe(true);
    expect(isUnstorableText(queryFailed(withCode('22003')))).toBe(false);
  });
});
