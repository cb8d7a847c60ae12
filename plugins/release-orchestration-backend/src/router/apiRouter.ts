import { TypedRouter } from '@backstage/backend-openapi-utils';
import express from 'express';
import { createOpenApiRouter, EndpointMap } from '../schema/openapi';

/**
 * An express router whose routes are typed by the OpenAPI document (src/schema/openapi.yaml):
 * a path it does not document does not compile, and each handler's params, query, body and
 * response body have the types generated from the document (scripts/openapi-generate.mjs).
 */
export type ApiRouter = TypedRouter<EndpointMap>;

/** Body parsing happens before the API router (requireJsonBody, jsonBody), with the API's errors. */
const alreadyParsed: express.RequestHandler = (_req, _res, next) => next();

/**
 * The typed router of the plugin's routes, from the generated `createOpenApiRouter`
 * (@backstage/backend-openapi-utils). It also serves the document at `/openapi.json`.
 * Request input is validated by the routes' zod schemas (`parseInput`), which hold the
 * cross-field rules and word the 400s; the document's validator is not run on requests.
 */
export async function createApiRouter(): Promise<ApiRouter> {
  return createOpenApiRouter({
    middleware: [alreadyParsed],
    validatorOptions: {
      validateRequests: false,
      validateResponses: false,
      // Backstage's httpAuth authenticates (tokens, cookies, the PagerDuty signature); the
      // document's security schemes describe it, they are not checked a second time here.
      validateSecurity: false,
    },
  });
}
