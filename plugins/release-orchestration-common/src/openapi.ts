import type { components, operations } from './schema/openapi/generated';

/*
 * The generated types of the backend's OpenAPI document (`src/schema/openapi.yaml`, written by
 * `node scripts/openapi-generate.mjs`), under the package's names: `OpenApiPaths` (every path),
 * `OpenApiComponents` (schemas, responses, parameters) and `OpenApiOperations` (every operation by
 * its `operationId`).
 */
export type {
  paths as OpenApiPaths,
  components as OpenApiComponents,
  operations as OpenApiOperations,
} from './schema/openapi/generated';

/**
 * A named schema of the OpenAPI document, e.g. `ApiSchema<'Release'>`.
 * @public
 */
export type ApiSchema<Name extends keyof components['schemas']> =
  components['schemas'][Name];

/**
 * The JSON body of a request body or response object of the generated types.
 * @public
 */
export type ApiJsonContent<T> = T extends {
  content: { 'application/json': infer Body };
}
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
> = ApiJsonContent<operations[OperationId]['responses'][Status]>;

/**
 * The JSON request body an operation takes.
 * @public
 */
export type ApiRequestBody<OperationId extends keyof operations> =
  ApiJsonContent<NonNullable<operations[OperationId]['requestBody']>>;

/**
 * The query parameters an operation takes.
 * @public
 */
export type ApiQuery<OperationId extends keyof operations> = NonNullable<
  operations[OperationId]['parameters']['query']
>;

/**
 * The JSON body of any success answer of an operation (e.g. 200 or 201 of an idempotent create):
 * what a client of the API reads after a 2xx.
 * @public
 */
export type ApiSuccessBody<OperationId extends keyof operations> =
  ApiJsonContent<
    operations[OperationId]['responses'][Extract<
      keyof operations[OperationId]['responses'],
      200 | 201 | 202
    >]
  >;
