import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

/** A parameter of an operation, as the OpenAPI document declares it. */
export interface FuzzParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  example?: unknown;
}

/** One operation of the OpenAPI document, with what a fuzzer needs to know about its input. */
export interface FuzzOperation {
  /** `METHOD /path/{param}` */
  key: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  template: string;
  parameters: FuzzParameter[];
  /** The top-level fields of the JSON request body, when the operation takes one. */
  bodyFields?: string[];
  /** The required top-level fields of the body. */
  requiredBodyFields?: string[];
  /** The first media type the document lists for the body (`application/json` or a `+json` type). */
  bodyContentType?: string;
  /** An example body built from the schema's examples, enums and types. */
  exampleBody?: Record<string, unknown>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Reads the plugin's OpenAPI document. */
export function readOpenApiDocument(): any {
  return YAML.parse(
    fs.readFileSync(
      path.resolve(__dirname, '../../schema/openapi.yaml'),
      'utf8',
    ),
  );
}

function resolve(document: any, value: any): any {
  let current = value;
  while (current?.$ref) {
    const parts = String(current.$ref).replace(/^#\//, '').split('/');
    current = parts.reduce(
      (node: any, part) => node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')],
      document,
    );
  }
  return current;
}

/** A plausible value for a schema: its example, first enum value, or a value of its type. */
function exampleOf(document: any, raw: any, depth = 0): unknown {
  const schema = resolve(document, raw) ?? {};
  if (schema.example !== undefined) {
    return schema.example;
  }
  if (schema.enum) {
    return schema.enum[0];
  }
  if (schema.allOf) {
    return exampleOf(document, schema.allOf[0], depth);
  }
  switch (schema.type) {
    case 'object': {
      if (depth > 3) {
        return {};
      }
      const out: Record<string, unknown> = {};
      for (const field of schema.required ?? []) {
        out[field] = exampleOf(document, schema.properties?.[field], depth + 1);
      }
      return out;
    }
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    default:
      return schema.format === 'date-time' ? '2026-11-01T00:00:00Z' : 'x';
  }
}

/** Every operation of the document, in document order. */
export function readFuzzOperations(
  document: any = readOpenApiDocument(),
): FuzzOperation[] {
  const operations: FuzzOperation[] = [];
  for (const [template, item] of Object.entries<any>(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) {
        continue;
      }
      const parameters = [
        ...(item.parameters ?? []),
        ...(operation.parameters ?? []),
      ]
        .map(p => resolve(document, p))
        .map(p => ({
          name: p.name,
          in: p.in,
          required: Boolean(p.required),
          example: p.example ?? p.schema?.example ?? p.schema?.enum?.[0],
        }));
      const content = operation.requestBody?.content ?? {};
      const bodyContentType = Object.keys(content).find(type =>
        /json/.test(type),
      );
      const bodySchema = bodyContentType
        ? resolve(document, content[bodyContentType].schema)
        : undefined;
      operations.push({
        key: `${method.toUpperCase()} ${template}`,
        method,
        template,
        parameters,
        ...(bodySchema
          ? {
              bodyContentType,
              bodyFields: Object.keys(bodySchema.properties ?? {}),
              requiredBodyFields: bodySchema.required ?? [],
              exampleBody: exampleOf(document, bodySchema) as Record<
                string,
                unknown
              >,
            }
          : {}),
      });
    }
  }
  return operations;
}
