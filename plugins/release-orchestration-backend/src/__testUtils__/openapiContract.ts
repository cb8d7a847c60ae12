import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import YAML from 'yaml';

/** The plugin's OpenAPI document, the contract the router and its clients keep. */
export const openapiDocument = YAML.parse(
  fs.readFileSync(path.resolve(__dirname, '../schema/openapi.yaml'), 'utf8'),
);

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(openapiDocument, 'openapi');

const pointer = (segment: string) =>
  segment.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Why `body` is not what the document promises for `status` of `METHOD template`,
 * or undefined when it is. A status the operation does not list is an error too.
 */
export function responseContractErrors(
  method: string,
  template: string,
  status: number,
  body: unknown,
): string | undefined {
  const operation = openapiDocument.paths[template]?.[method.toLowerCase()];
  const where = `${method.toUpperCase()} ${template} ${status}`;
  if (!operation)
    return `${method.toUpperCase()} ${template} is not in the document`;
  const documented = operation.responses[String(status)];
  if (!documented) return `${where}: the document does not list this status`;
  if (status === 204)
    return body === undefined || body === '' || body === null
      ? undefined
      : `${where}: has a body`;
  const schemaPath = documented.$ref
    ? `openapi#/components/responses/${documented.$ref
        .split('/')
        .pop()}/content/application~1json/schema`
    : `openapi#/paths/${pointer(
        template,
      )}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`;
  const validate = ajv.getSchema(schemaPath);
  if (!validate) return `${where}: no JSON schema at ${schemaPath}`;
  return validate(body)
    ? undefined
    : `${where}: ${ajv.errorsText(validate.errors)}`;
}
