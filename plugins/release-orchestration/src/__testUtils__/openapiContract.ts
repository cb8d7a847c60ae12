import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { HttpResponse } from 'msw';
import YAML from 'yaml';

/** The backend's OpenAPI document: what the real backend answers, so what the fakes may answer. */
const document = YAML.parse(
  fs.readFileSync(
    path.resolve(
      __dirname,
      '../../../release-orchestration-backend/src/schema/openapi.yaml',
    ),
    'utf8',
  ),
);
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(document, 'openapi');

const pointer = (segment: string) =>
  segment.replace(/~/g, '~0').replace(/\//g, '~1');

/** Where the JSON schema of `status` of `METHOD template` is, whether inline or a shared response. */
function schemaPathOf(method: string, template: string, status: string) {
  const documented =
    document.paths[template]?.[method.toLowerCase()]?.responses?.[status];
  if (!documented) return undefined;
  return documented.$ref
    ? `openapi#/components/responses/${documented.$ref
        .split('/')
        .pop()}/content/application~1json/schema`
    : `openapi#/paths/${pointer(
        template,
      )}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`;
}

// Compiled while the test file loads, not inside the first test that answers: compiling
// takes seconds on a busy machine, longer than a findBy* waits.
for (const [template, item] of Object.entries<any>(document.paths)) {
  for (const [method, operation] of Object.entries<any>(item)) {
    for (const status of Object.keys(operation?.responses ?? {})) {
      const schemaPath = schemaPathOf(method, template, status);
      const content = operation.responses[status].content;
      if (schemaPath && (content || operation.responses[status].$ref)) {
        ajv.getSchema(schemaPath);
      }
    }
  }
}

const violations: string[] = [];

/**
 * Why `body` is not what the document promises for `status` of `operation`
 * ("GET /releases/{id}"), or undefined when it is.
 */
export function contractErrors(
  operation: string,
  status: number,
  body: unknown,
): string | undefined {
  const [method, template] = operation.split(' ');
  const schemaPath = schemaPathOf(method, template, String(status));
  if (!schemaPath) {
    return `${operation} ${status}: the document does not list this response`;
  }
  const validate = ajv.getSchema(schemaPath);
  if (!validate) return `${operation} ${status}: no schema at ${schemaPath}`;
  return validate(body)
    ? undefined
    : `${operation} ${status}: ${ajv.errorsText(validate.errors, {
        dataVar: 'body',
      })}`;
}

/**
 * The one way the msw fakes answer with JSON: the body is checked against the
 * response schema of `operation` ("GET /releases/{id}") for `status` in the
 * backend's openapi.yaml. A body the real backend could not send is recorded,
 * and the test fails in setupTests.ts's afterEach, naming the operation and field.
 */
export function contractJson(
  operation: string,
  body: unknown,
  status: number = 200,
) {
  const errors = contractErrors(operation, status, body);
  if (errors) violations.push(errors);
  return HttpResponse.json(body as any, { status });
}

/** A 204 answer, checked to be one the operation documents. */
export function contractNoContent(operation: string) {
  const [method, template] = operation.split(' ');
  if (!document.paths[template]?.[method.toLowerCase()]?.responses?.['204']) {
    violations.push(
      `${operation} 204: the document does not list this response`,
    );
  }
  return new HttpResponse(null, { status: 204 });
}

/** The contract violations recorded since the last call, emptied. */
export function takeContractViolations(): string[] {
  return violations.splice(0);
}
