import { mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { ConflictError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import request from 'supertest';
import { StoredIdempotencyKey } from '../../database/DatabaseIdempotencyStore';
import { IdempotencyClaim } from '../../idempotency/idempotencyScope';
import { IdempotencyService } from '../../service/IdempotencyService';
import { hashRequest } from './idempotencyKeyHeader';
import { idempotentRoutes } from './idempotentRoutes';

/** The keys a concurrent request committed, in memory. */
class FakeKeys {
  readonly rows = new Map<string, StoredIdempotencyKey>();
  async find(principal: string, key: string) {
    return this.rows.get(`${principal}|${key}`);
  }
  awaitAnswer = this.find;
  async complete(
    claim: IdempotencyClaim,
    response: { status: number; body: string },
  ) {
    const row = this.rows.get(`${claim.principal}|${claim.key}`);
    this.rows.set(`${claim.principal}|${claim.key}`, {
      ...row!,
      response: row?.response ?? response,
    });
  }
  commit(hash: string, response?: { status: number; body: string }) {
    this.rows.set('user:default/mock|vote-1', {
      principal: 'user:default/mock',
      key: 'vote-1',
      requestHash: hash,
      method: 'POST',
      route: '/promotions/:id/approvals',
      subject: { type: 'promotion', id: 'p1' },
      ...(response ? { response } : {}),
      createdAt: '2026-11-01T12:00:00.000Z',
    });
  }
}

const body = { decision: 'approve' };
const sameRequest = hashRequest({
  method: 'POST',
  route: '/promotions/:id/approvals',
  params: { id: 'p1' },
  body,
});

/**
 * A vote route whose check before its transaction fails because a concurrent request with the
 * same key committed just before (`onCall` makes that commit).
 */
function app(keys: FakeKeys, onCall: () => void) {
  const { middleware, errorHandler } = idempotentRoutes({
    httpAuth: mockServices.httpAuth(),
    idempotency: keys as unknown as IdempotencyService,
    routes: [
      {
        method: 'POST',
        path: '/promotions/:id/approvals',
        rebuild: async () => ({
          status: 201,
          body: { id: 'p1', state: 'approved', rebuilt: true },
        }),
      },
    ],
  });
  const router = Router();
  router.use(express.json());
  router.use(middleware);
  router.post('/promotions/:id/approvals', async () => {
    onCall();
    throw new ConflictError(
      'The promotion is approved; votes are only taken while it is pending_approval',
    );
  });
  router.use(errorHandler);
  const server = express();
  server.use(router);
  server.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error(),
  );
  return server;
}

describe('idempotentRoutes', () => {
  it('answers a request whose check failed on what a concurrent request with its key committed with that answer', async () => {
    const keys = new FakeKeys();
    const res = await request(
      app(keys, () =>
        keys.commit(sameRequest, {
          status: 201,
          body: '{"id":"p1","state":"approved"}',
        }),
      ),
    )
      .post('/promotions/p1/approvals')
      .set('Idempotency-Key', 'vote-1')
      .send(body);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: 'p1', state: 'approved' });
    expect(res.headers['idempotent-replayed']).toBe('true');
  });

  it('rebuilds the answer when the concurrent request committed but has not stored it', async () => {
    const keys = new FakeKeys();
    const res = await request(app(keys, () => keys.commit(sameRequest)))
      .post('/promotions/p1/approvals')
      .set('Idempotency-Key', 'vote-1')
      .send(body);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: 'p1', state: 'approved', rebuilt: true });
  });

  it('is a 422 when the concurrent request with the key was another request, and the error when there was none', async () => {
    const other = new FakeKeys();
    const reused = await request(
      app(other, () =>
        other.commit('0'.repeat(64), { status: 201, body: '{}' }),
      ),
    )
      .post('/promotions/p1/approvals')
      .set('Idempotency-Key', 'vote-1')
      .send(body);
    expect(reused.status).toBe(422);
    expect(reused.body.error.message).toContain(
      "Idempotency-Key header: 'vote-1' was already used for another request",
    );

    const none = new FakeKeys();
    const conflict = await request(app(none, () => undefined))
      .post('/promotions/p1/approvals')
      .set('Idempotency-Key', 'vote-1')
      .send(body);
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.message).toContain(
      'votes are only taken while it is pending_approval',
    );
  });
});
