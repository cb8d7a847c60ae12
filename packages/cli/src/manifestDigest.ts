import { createHash } from 'node:crypto';

/** A manifest line as far as its digest goes. */
export interface DigestLine {
  componentRef: string;
  artifactDigest: string;
}

/**
 * `sha256:<hex>` over the canonical form the server stores with every release (docs/releases.md):
 * `<component ref> <artifact digest in lower case>\n` per component, sorted by code units, UTF-8.
 * Kept here, not imported, so the published CLI needs no server package to check a digest.
 */
export function manifestDigest(lines: readonly DigestLine[]): string {
  const text = lines
    .map(l => `${l.componentRef} ${l.artifactDigest.toLowerCase()}\n`)
    .sort() // default sort: UTF-16 code units
    .join('');
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}
