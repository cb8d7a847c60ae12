import { NotFoundError } from '@backstage/errors';
import express from 'express';
import { MethodNotAllowedError } from './httpErrors';

interface Layer {
  regexp?: RegExp;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** The methods of the routes in an express router (and its sub-routers) whose path matches. */
function methodsFor(stack: Layer[], path: string, into: Set<string>) {
  for (const layer of stack) {
    if (layer.route) {
      if (layer.regexp?.test(path)) {
        for (const [method, on] of Object.entries(layer.route.methods)) {
          if (on && method !== '_all') {
            into.add(method.toUpperCase());
          }
        }
      }
    } else if (layer.handle?.stack) {
      methodsFor(layer.handle.stack, path, into);
    }
  }
}

/**
 * The last handler of the router: a request no route took is a JSON 404, or a 405 with an
 * `Allow` header when the path exists with other methods. Backstage's own paths under the
 * plugin (`/.well-known/...`, `/.backstage/...`) are left to whatever serves them.
 */
export function unmatchedRoute(router: express.Router): express.RequestHandler {
  return (req, res, next) => {
    if (req.path.startsWith('/.')) {
      next();
      return;
    }
    const allowed = new Set<string>();
    methodsFor(
      (router as unknown as { stack: Layer[] }).stack,
      req.path,
      allowed,
    );
    if (allowed.size === 0) {
      next(
        new NotFoundError(
          `No such route: ${req.method} ${req.path.slice(0, 200)}`,
        ),
      );
      return;
    }
    if (allowed.has('GET')) {
      allowed.add('HEAD');
    }
    const allow = [...allowed].sort().join(', ');
    res.setHeader('Allow', allow);
    next(
      new MethodNotAllowedError(
        `Method ${req.method} is not allowed on ${req.path.slice(
          0,
          200,
        )}; allowed: ${allow}`,
      ),
    );
  };
}
