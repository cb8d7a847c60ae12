const REF_PATTERN =
  /^([a-z][a-z0-9-]*):([a-z0-9][a-z0-9._-]*)\/([a-z0-9][a-z0-9._-]*)$/i;

/**
 * The parts of a full entity ref.
 * @public
 */
export interface ParsedEntityRef {
  kind: string;
  namespace: string;
  name: string;
}

/**
 * Parses a full entity ref (`kind:namespace/name`), or returns undefined.
 * Refs are compared case-insensitively by the catalog, so they are lower-cased here.
 * @public
 */
export function parseFullEntityRef(ref: string): ParsedEntityRef | undefined {
  const match = REF_PATTERN.exec(ref.trim());
  if (!match) {
    return undefined;
  }
  return {
    kind: match[1].toLocaleLowerCase('en-US'),
    namespace: match[2].toLocaleLowerCase('en-US'),
    name: match[3].toLocaleLowerCase('en-US'),
  };
}

/**
 * Normalises a full entity ref of the given kind, or returns undefined when it is not one.
 * @public
 */
export function normalizeEntityRef(
  ref: string,
  kind?: string,
): string | undefined {
  const parsed = parseFullEntityRef(ref);
  if (!parsed || (kind && parsed.kind !== kind.toLocaleLowerCase('en-US'))) {
    return undefined;
  }
  return `${parsed.kind}:${parsed.namespace}/${parsed.name}`;
}
