/** The parts of a package URL (purl) the plugin reads. */
export interface Purl {
  type: string;
  /** The last path segment, decoded: the package (image) name. */
  name: string;
  /** Decoded; for `pkg:oci` the image digest, e.g. `sha256:9f86…`. */
  version?: string;
  qualifiers: Record<string, string>;
}

/**
 * Parses `pkg:<type>/<namespace>/<name>@<version>?<qualifiers>#<subpath>` (the purl
 * specification), or answers undefined when the text is not a purl.
 */
export function parsePurl(text: string): Purl | undefined {
  const match =
    /^pkg:([a-zA-Z][a-zA-Z0-9.+-]*)\/([^?#]+)(?:\?([^#]*))?(?:#.*)?$/.exec(
      text,
    );
  if (!match) {
    return undefined;
  }
  const [, type, path, query] = match;
  const at = path.lastIndexOf('@');
  const namePath = at >= 0 ? path.slice(0, at) : path;
  const segments = namePath.split('/').filter(Boolean);
  try {
    const name = decodeURIComponent(segments[segments.length - 1] ?? '');
    if (!name) {
      return undefined;
    }
    const qualifiers: Record<string, string> = {};
    for (const pair of (query ?? '').split('&').filter(Boolean)) {
      const eq = pair.indexOf('=');
      if (eq > 0) {
        qualifiers[pair.slice(0, eq).toLowerCase()] = decodeURIComponent(
          pair.slice(eq + 1),
        );
      }
    }
    return {
      type: type.toLowerCase(),
      name,
      ...(at >= 0 ? { version: decodeURIComponent(path.slice(at + 1)) } : {}),
      qualifiers,
    };
  } catch {
    return undefined;
  }
}
