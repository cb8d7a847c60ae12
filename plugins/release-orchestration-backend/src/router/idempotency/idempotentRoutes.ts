import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import { StoredIdempotencyKey } from '../../database/DatabaseIdempotencyStore';
import {
  IdempotencyClaim,
  IdempotencyKeyTakenError,
  runWithIdempotencyClaim,
} from '../../idempotency/idempotencyScope';
import { actorOf } from '../../service/actor';
import { IdempotencyService } from '../../service/IdempotencyService';
import {
  hashRequest,
  IDEMPOTENCY_KEY_HEADER,
  readIdempotencyKey,
} from './idempotencyKeyHeader';

/** An answer to give (again). */
interface Answer {
  status: number;
  body: string;
}

/** What the original request changed first, and its path parameters. */
interface ReplayTarget {
  subject?: { type: string; id: string };
  params: Record<string, string>;
}

/**
 * A create route that takes an `Idempotency-Key`, with how to rebuild its answer from what the
 * original request changed when that answer was lost (its replica died after the commit).
 */
export interface IdempotentRoute {
  method: 'POST' | 'PATCH';
  /** Express-style template, e.g. `/releases/:id/evidence`. */
  path: string;
  rebuild(
    target: ReplayTarget,
  ): Promise<{ status: number; body: unknown } | undefined>;
}

interface CompiledRoute extends IdempotentRoute {
  pattern: RegExp;
  paramNames: string[];
}

function compile(route: IdempotentRoute): CompiledRoute {
  const paramNames: string[] = [];
  const source = route.path
    .split('/')
    .map(segment => {
      if (segment.startsWith(':')) {
        paramNames.push(segment.slice(1));
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { ...route, pattern: new RegExp(`^${source}/?$`, 'i'), paramNames };
}

function match(routes: CompiledRoute[], req: express.Request) {
  for (const route of routes) {
    const found =
      req.method === route.method ? route.pattern.exec(req.path) : null;
    if (found) {
      try {
        const params = Object.fromEntries(
          route.paramNames.map((name, i) => [
            name,
            decodeURIComponent(found[i + 1]),
          ]),
        );
        return { route, params };
      } catch {
        return undefined; // a malformed path: the route itself answers it
      }
    }
  }
  return undefined;
}

function sendAnswer(res: express.Response, answer: Answer) {
  res
    .status(answer.status)
    .set('Idempotent-Replayed', 'true')
    .type('application/json')
    .send(answer.body);
}

function sendError(
  req: express.Request,
  res: express.Response,
  status: number,
  name: string,
  message: string,
) {
  res.status(status).json({
    error: { name, message },
    request: { method: req.method, url: req.originalUrl },
    response: { statusCode: status },
  });
}

/**
 * `Idempotency-Key` on the create routes: a middleware that answers a repeated request from the
 * stored answer (or runs the request holding the key, storing its answer before sending it), and
 * an error handler for a request whose key a concurrent request claimed first.
 *
 * The key's row is written by the request's first transaction (see DatabaseStores.transaction),
 * so it commits or rolls back with the change. A request that failed stored nothing: retrying it
 * runs it again.
 */
export function idempotentRoutes(options: {
  httpAuth: HttpAuthService;
  idempotency: IdempotencyService;
  routes: IdempotentRoute[];
}) {
  const { httpAuth, idempotency } = options;
  const routes = options.routes.map(compile);

  /** Runs the route holding the key; its 2xx answer is stored before it is sent. */
  function runHolding(
    claim: IdempotencyClaim,
    res: express.Response,
    next: express.NextFunction,
  ) {
    const json = res.json.bind(res);
    res.json = ((body: unknown) => {
      if (res.statusCode < 200 || res.statusCode >= 300) {
        return json(body);
      }
      void idempotency
        .complete(claim, { status: res.statusCode, body: JSON.stringify(body) })
        .finally(() => json(body));
      return res;
    }) as express.Response['json'];
    runWithIdempotencyClaim(claim, () => next());
  }

  /**
   * Answers a request whose key is stored. Returns false when the stored key's request committed
   * without changing anything and left no answer: it may simply run again.
   */
  async function answerFromStored(
    stored: StoredIdempotencyKey,
    claim: IdempotencyClaim,
    route: CompiledRoute,
    params: Record<string, string>,
    req: express.Request,
    res: express.Response,
  ): Promise<boolean> {
    if (stored.requestHash !== claim.requestHash) {
      sendError(
        req,
        res,
        422,
        'IdempotencyKeyReusedError',
        `${IDEMPOTENCY_KEY_HEADER} header: '${claim.key}' was already used for another request (${stored.method} ${stored.route} with other parameters or body); use a new key for a new request`,
      );
      return true;
    }
    const answered = stored.response
      ? stored
      : await idempotency.awaitAnswer(claim.principal, claim.key);
    if (answered?.response) {
      sendAnswer(res, answered.response);
      return true;
    }
    if (!answered?.subject) {
      return false;
    }
    const rebuilt = await route.rebuild({ subject: answered.subject, params });
    if (!rebuilt) {
      sendError(
        req,
        res,
        409,
        'IdempotencyKeyInProgressError',
        `${IDEMPOTENCY_KEY_HEADER} header: the request with key '${claim.key}' changed ${answered.subject.type} ${answered.subject.id}, but its answer is not available; retry later`,
      );
      return true;
    }
    const answer = {
      status: rebuilt.status,
      body: JSON.stringify(rebuilt.body),
    };
    await idempotency.complete({ ...claim, committed: true }, answer);
    sendAnswer(res, answer);
    return true;
  }

  const middleware = async (
    req: express.Request,
    res: express.Response,
    next: express.NextFunction,
  ) => {
    const matched = match(routes, req);
    if (!matched) {
      next();
      return;
    }
    const key = readIdempotencyKey(
      req.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()],
    );
    if (key === undefined) {
      next();
      return;
    }
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { route, params } = matched;
    const claim: IdempotencyClaim = {
      principal: actorOf(credentials),
      key,
      requestHash: hashRequest({
        method: req.method,
        route: route.path,
        params,
        body: req.body,
      }),
      method: req.method,
      route: route.path,
      committed: false,
      subjectRecorded: false,
    };
    const stored = await idempotency.find(claim.principal, key);
    if (
      stored &&
      (await answerFromStored(stored, claim, route, params, req, res))
    ) {
      return;
    }
    // No key yet; or a key whose request committed without changing anything: run it (again).
    const holding = { ...claim, committed: Boolean(stored) };
    res.locals.idempotency = { route, params, claim: holding };
    runHolding(holding, res, next);
  };

  /**
   * A request holding a key failed. When another request with the key committed meanwhile (the
   * key was taken in our transaction, or a check before it failed on what that request had just
   * changed, e.g. "the promotion is no longer pending"), its answer is the answer; otherwise the
   * error stands and nothing was stored.
   */
  const errorHandler: express.ErrorRequestHandler = (err, req, res, next) => {
    const held:
      | {
          route: CompiledRoute;
          params: Record<string, string>;
          claim: IdempotencyClaim;
        }
      | undefined = res.locals.idempotency;
    if (!held || held.claim.committed || res.headersSent) {
      next(err);
      return;
    }
    const { claim, route, params } = held;
    const taken = err instanceof IdempotencyKeyTakenError;
    const giveUp = () => {
      if (taken) {
        sendError(
          req,
          res,
          409,
          'IdempotencyKeyInProgressError',
          `${IDEMPOTENCY_KEY_HEADER} header: another request with key '${claim.key}' is being answered; retry later`,
        );
      } else {
        next(err);
      }
    };
    (taken
      ? idempotency.awaitAnswer(claim.principal, claim.key)
      : idempotency.find(claim.principal, claim.key)
    )
      .then(async stored => {
        if (
          !stored ||
          !(await answerFromStored(stored, claim, route, params, req, res))
        ) {
          giveUp();
        }
      })
      .catch(next);
  };

  return { middleware, errorHandler };
}
