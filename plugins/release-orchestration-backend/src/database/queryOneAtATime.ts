import { Knex } from 'knex';

type QueryingClient = {
  query(connection: unknown, query: unknown): Promise<unknown>;
};

/**
 * Makes a knex transaction send its queries one at a time. A transaction has one connection, and
 * reads that services start together (`Promise.all` over stores bound to the transaction) would
 * otherwise reach the pg driver while it is still running the previous query: pg 8 queues them
 * and warns that this is deprecated, pg 9 refuses it. Queued here, each query is sent when the one
 * before has answered, failed or not; the order and the results are what pg's own queue gave.
 */
export function queryOneAtATime(trx: Knex.Transaction): void {
  // The transaction's own client (knex makes one per transaction); the pool's is untouched.
  const client = trx.client as unknown as QueryingClient;
  const send = client.query.bind(client);
  let previous: Promise<unknown> = Promise.resolve();
  client.query = (connection, query) => {
    if (typeof query === 'string') {
      // BEGIN, COMMIT, ROLLBACK and savepoints: knex checks the transaction's state when they are
      // sent, so they go at once. A COMMIT follows the callback's queries; a ROLLBACK after a
      // failure may pass queries still queued here, which then fail as the transaction is over.
      return send(connection, query);
    }
    const answer = previous.then(() => send(connection, query));
    previous = answer.catch(() => undefined);
    return answer;
  };
}
