import type { components, operations, paths } from './schema/openapi/generated';

/**
 * The paths of the HTTP API, generated from the backend's OpenAPI document
 * (`src/schema/openapi.yaml`) by `node scripts/openapi-generate.mjs`.
 * @public
 */
export type OpenApiPaths = paths;

/**
 * The named schemas, responses and parameters of the OpenAPI document.
 * @public
 */
export type OpenApiComponents = components;

/**
 * Every operation of the OpenAPI document by its `operationId`.
 * @public
 */
export type OpenApiOperations = operations;

/**
 * A named schema of the OpenAPI document, e.g. `ApiSchema<'Release'>`.
 * @public
 */
export type ApiSchema<Name extends keyof components['schemas']> =
  components['schemas'][Name];

/** The JSON body of a request or response object of the generated types. */
type JsonOf<T> = T extends { content: { 'application/json': infer Body } }
  ? Body
  : never;

/**
 * The JSON body an operation answers with, for one status (200 unless named).
 * @public
 */
export type ApiResponseBody<
  OperationId extends keyof operations,
  Status extends keyof operations[OperationId]['responses'] = 200 &
    keyof operations[OperationId]['responses'],
> = JsonOf<operations[OperationId]['responses'][Status]>;

/**
 * The JSON request body an operation takes.
 * @public
 */
export type ApiRequestBody<OperationId extends keyof operations> = JsonOf<
  NonNullable<operations[OperationId]['requestBody']>
>;

/**
 * The query parameters an operation takes.
 * @public
 */
export type ApiQuery<OperationId extends keyof operations> = NonNullable<
  operations[OperationId]['parameters']['query']
>;

/** The success statuses an operation may answer with a body. */
type SuccessStatus = 200 | 201 | 202;

/**
 * The JSON body of any success answer of an operation (e.g. 200 or 201 of an idempotent create):
 * what a client of the API reads after a 2xx.
 * @public
 */
export type ApiSuccessBody<OperationId extends keyof operations> = JsonOf<
  operations[OperationId]['responses'][Extract<
    keyof operations[OperationId]['responses'],
    SuccessStatus
  >]
>;
