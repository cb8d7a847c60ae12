import { TypedRouter } from '@backstage/backend-openapi-utils';
import express from 'express';
import Router from 'express-promise-router';
import { createOpenApiRouter, EndpointMap } from '../schema/openapi';

/**
 * An express router whose routes are typed by the OpenAPI document (src/schema/openapi.yaml):
 * a path it does not document does not compile, and each handler's params, query, body and
 * response body have the types generated from the document (scripts/openapi-generate.mjs).
 */
export type ApiRouter = TypedRouter<EndpointMap>;

/** Where the document is served, as `@backstage/backend-openapi-utils` serves it. */
export const OPENAPI_DOCUMENT_PATH = '/openapi.json';

/** Body parsing happens before the API router (requireJsonBody, jsonBody), with the API's errors. */
const alreadyParsed: express.RequestHandler = (_req, _res, next) => next();

/**
 * The typed router of the plugin's routes: the types come from the generated `EndpointMap`, the
 * router itself is a plain promise router. Request input is validated by the routes' zod schemas
 * (`parseInput`), which hold the cross-field rules and word the 400s, so the document's validator
 * (express-openapi-validator, which `createOpenApiRouter` puts in front of every route) is not
 * run on requests: with request, response and security validation off it validated nothing, yet
 * looked every request's route up again, compiling each documented path to a regular expression
 * until one matched (about a tenth of the backend's CPU per `POST /builds`; docs/performance.md).
 * The generated router still serves the document at `/openapi.json`, unchanged.
 */
export async function createApiRouter(): Promise<ApiRouter> {
  const document = await createOpenApiRouter({
    middleware: [alreadyParsed],
    validatorOptions: {
      validateRequests: false,
      validateResponses: false,
      // Backstage's httpAuth authenticates (tokens, cookies, the PagerDuty signature); the
      // document's security schemes describe it, they are not checked a second time here.
      validateSecurity: false,
    },
  });
  const router = Router();
  router.get(OPENAPI_DOCUMENT_PATH, document);
  return router as unknown as ApiRouter;
}
