import { replicaUnavailable } from './read-replica';

describe('replicaUnavailable: which failures send a read back to the primary', () => {
  it.each([
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5433' }],
    [{ message: 'Connection terminated unexpectedly' }],
    [{ code: '57P01', severity: 'FATAL', message: 'terminating connection due to administrator command' }],
    [{ code: '55000', severity: 'FATAL', message: 'database "x" is not currently accepting connections' }],
    [{ code: '08006', message: 'connection failure' }],
    [{ code: '40001', message: 'canceling statement due to conflict with recovery' }],
    [{ code: '3D000', message: 'database "x" does not exist' }],
  ])('%o → primary', (err) => {
    expect(replicaUnavailable(err)).toBe(true);
  });
  it.each([
    [{ code: '42P01', severity: 'ERROR', message: 'relation "nope" does not exist' }],
    [{ code: '22P02', severity: 'ERROR', message: 'invalid input syntax for type uuid' }],
    [{ code: '57014', severity: 'ERROR', message: 'canceling statement due to statement timeout' }],
  ])('%o is the query\'s own error: thrown to the caller', (err) => {
    expect(replicaUnavailable(err)).toBe(false);
  });
});
