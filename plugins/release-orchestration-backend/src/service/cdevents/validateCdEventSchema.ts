import { InputError } from '@backstage/errors';
import Ajv2020, { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { CDEVENTS_SPEC_RELEASES, CdEventsSpecRelease } from './specSchemas';

interface TypeSchema {
  /** The spec release the schema comes from, e.g. `0.4.1`. */
  release: string;
  validate: ValidateFunction;
}

let compiled: Map<string, TypeSchema[]> | undefined;

function eventType(schema: object): string {
  const type = (schema as any).properties?.context?.properties?.type?.enum?.[0];
  if (typeof type !== 'string') {
    throw new Error(
      `CDEvents schema ${(schema as any).$id} has no context.type enum`,
    );
  }
  return type;
}

/** Compiles the vendored schemas once: CDEvent type → its schema(s), newest release first. */
export function compileCdEventSchemas(
  releases: CdEventsSpecRelease[] = CDEVENTS_SPEC_RELEASES,
): Map<string, TypeSchema[]> {
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  addFormats(ajv);
  for (const release of releases) {
    for (const link of release.links) ajv.addSchema(link);
    for (const event of release.events) ajv.addSchema(event);
  }
  const byType = new Map<string, TypeSchema[]>();
  for (const release of releases) {
    for (const event of release.events) {
      const type = eventType(event);
      const validate = ajv.getSchema((event as any).$id);
      if (!validate) throw new Error(`CDEvents schema ${type} did not compile`);
      byType.set(type, [
        ...(byType.get(type) ?? []),
        { release: release.version, validate },
      ]);
    }
  }
  return byType;
}

function schemas() {
  compiled ??= compileCdEventSchemas();
  return compiled;
}

/** The spec releases whose schemas the endpoint validates against, e.g. `['0.5.1', '0.4.1']`. */
export function cdEventSpecVersions(): string[] {
  return CDEVENTS_SPEC_RELEASES.map(r => r.version);
}

const escapePointer = (token: string) =>
  token.replace(/~/g, '~0').replace(/\//g, '~1');

const quote = (value: unknown) => JSON.stringify(value)?.slice(0, 200);

/** The JSON pointer (into the CDEvent) of what failed, and what is wrong there. */
export function describeSchemaError(error: ErrorObject): {
  pointer: string;
  message: string;
} {
  const at = error.instancePath;
  const params = error.params as Record<string, any>;
  switch (error.keyword) {
    case 'required':
      return {
        pointer: `${at}/${escapePointer(String(params.missingProperty))}`,
        message: 'Required',
      };
    case 'additionalProperties':
      return {
        pointer: `${at}/${escapePointer(String(params.additionalProperty))}`,
        message: 'is not a property the schema allows here',
      };
    case 'enum':
      return {
        pointer: at,
        message: `must be one of ${(params.allowedValues as unknown[])
          .map(quote)
          .join(', ')}`,
      };
    default:
      return { pointer: at, message: error.message ?? error.keyword };
  }
}

function specVersionOf(data: unknown): string | undefined {
  const context = (data as { context?: Record<string, unknown> } | null)
    ?.context;
  const version = context?.specversion ?? context?.version;
  return typeof version === 'string' ? version : undefined;
}

/**
 * Validates a CDEvent (the CloudEvent's data) against the vendored CDEvents JSON schema of its
 * type. Throws an InputError naming the JSON pointer that failed and the spec release; a type
 * version no vendored release defines is refused with the versions that are.
 */
export function validateCdEventSchema(type: string, data: unknown): string {
  const candidates = schemas().get(type);
  if (!candidates) {
    const name = type.replace(/\.\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, '');
    const known = [...schemas().keys()]
      .filter(t => t.startsWith(`${name}.`))
      .map(t => t.slice(name.length + 1));
    throw new InputError(
      `Unsupported CDEvent version ${quote(
        type.slice(0, 100),
      )}: the CDEvents ${cdEventSpecVersions()
        .map(v => `v${v}`)
        .join(
          ' and ',
        )} schemas this endpoint validates against define ${name.replace(
        /^dev\.cdevents\./,
        '',
      )} as ${known.join(' or ') || 'nothing'}`,
    );
  }
  const contextType = (data as { context?: { type?: unknown } } | null)?.context
    ?.type;
  if (typeof contextType === 'string' && contextType !== type) {
    throw new InputError(
      `Invalid CDEvent: /context/type: ${quote(
        contextType.slice(0, 100),
      )} differs from the CloudEvent type '${type}'`,
    );
  }
  const version = specVersionOf(data);
  const schema =
    candidates.find(c => c.release === version) ??
    candidates.find(c =>
      version?.startsWith(c.release.replace(/\.\d+$/, '.')),
    ) ??
    candidates[0];
  if (!schema.validate(data)) {
    const { pointer, message } = describeSchemaError(
      schema.validate.errors![0],
    );
    // The root is the CloudEvent's data (the body in binary mode): named so.
    throw new InputError(
      `Invalid CDEvent: ${pointer || 'data'}: ${message} (CDEvents v${
        schema.release
      } schema of ${type})`,
    );
  }
  return schema.release;
}
