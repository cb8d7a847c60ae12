import { parseEntityRef } from '@backstage/catalog-model';
import {
  ChangeCommit,
  CommitReference,
} from '@release-orchestration/plugin-release-orchestration-common';
import { commitReferences } from './commitReferences';

/** One configured reference pattern (`releaseOrchestration.commitLinks.references[]`). */
export interface CommitReferencePattern {
  kind: CommitReference['kind'];
  /** Compiled with the `g` flag. */
  pattern: RegExp;
  /** URL template: `{0}` the match, `{1}`… its groups, `{sha}`, `{component}`, `{namespace}`. */
  url?: string;
}

/** `releaseOrchestration.commitLinks`, read and checked. */
export interface CommitLinksConfig {
  commitUrl?: string;
  /** When absent, the default patterns of {@link commitReferences} (without links). */
  references?: CommitReferencePattern[];
}

function fill(
  template: string,
  values: Record<string, string | undefined>,
): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = values[key];
    return value === undefined ? whole : encodeURIComponent(value);
  });
}

/**
 * Adds to the commits of a diff their link and the pull requests and tickets their messages
 * name, per `releaseOrchestration.commitLinks`.
 */
export class CommitLinker {
  constructor(private readonly config: CommitLinksConfig = {}) {}

  /** The references in one message, each once, in pattern order then as written. */
  references(
    message: string,
    componentRef: string,
    sha: string,
  ): CommitReference[] {
    if (!this.config.references) {
      const found = commitReferences(message);
      return [
        ...found.pullRequests.map(text => ({
          kind: 'pullRequest' as const,
          text,
        })),
        ...found.tickets.map(text => ({ kind: 'ticket' as const, text })),
      ];
    }
    const base = this.placeholders(componentRef, sha);
    const seen = new Set<string>();
    const result: CommitReference[] = [];
    for (const { kind, pattern, url } of this.config.references) {
      for (const match of message.matchAll(pattern)) {
        const text = match[0].trim();
        if (!text || seen.has(`${kind}\u0000${text}`)) {
          continue;
        }
        seen.add(`${kind}\u0000${text}`);
        const groups: Record<string, string | undefined> = { 0: text };
        match.slice(1).forEach((g, i) => {
          groups[String(i + 1)] = g;
        });
        result.push({
          kind,
          text,
          ...(url ? { url: fill(url, { ...base, ...groups }) } : {}),
        });
      }
    }
    return result;
  }

  /** The commit with `url` (when configured) and `references`. */
  link(componentRef: string, commit: ChangeCommit): ChangeCommit {
    const url = this.config.commitUrl
      ? fill(this.config.commitUrl, this.placeholders(componentRef, commit.sha))
      : undefined;
    return {
      ...commit,
      ...(url ? { url } : {}),
      references: this.references(
        commit.message ?? '',
        componentRef,
        commit.sha,
      ),
    };
  }

  private placeholders(componentRef: string, sha: string) {
    const ref = parseEntityRef(componentRef, { defaultKind: 'component' });
    return { sha, component: ref.name, namespace: ref.namespace };
  }
}
