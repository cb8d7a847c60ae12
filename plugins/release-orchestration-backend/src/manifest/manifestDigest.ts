import { createHash } from 'node:crypto';
import { compareCodePoints } from '../database/compareCodePoints';

/** What the manifest digest covers: each component and the digest of its artifact. */
export interface DigestedComponent {
  componentRef: string;
  artifactDigest: string;
}

/**
 * The canonical form of a manifest (docs/releases.md): one line
 * `<component ref> <artifact digest in lower case>\n` per component, sorted by code units.
 * Versions, URIs and commits are left out: two manifests with the same artifacts are the same payload.
 */
export function canonicalManifestText(
  components: readonly DigestedComponent[],
): string {
  return components
    .map(c => `${c.componentRef} ${c.artifactDigest.toLowerCase()}\n`)
    .sort(compareCodePoints)
    .join('');
}

/** `sha256:<hex>` of the manifest's canonical form, in UTF-8. */
export function manifestDigest(
  components: readonly DigestedComponent[],
): string {
  const hex = createHash('sha256')
    .update(canonicalManifestText(components), 'utf8')
    .digest('hex');
  return `sha256:${hex}`;
}
