import { Config } from '@backstage/config';
import { CommitLinksConfig } from '../service/releaseNotes/commitLinks';

const KEY = 'releaseOrchestration.commitLinks';
const KINDS = ['pullRequest', 'ticket'] as const;

function urlTemplate(value: string | undefined, key: string) {
  if (value !== undefined && !/^https?:\/\/\S+$/.test(value)) {
    throw new Error(
      `${key}: must be an http(s) URL template, e.g. https://github.com/acme/{component}/commit/{sha}`,
    );
  }
  return value;
}

/**
 * Reads `releaseOrchestration.commitLinks`. A pattern that is not a regular expression, an
 * unknown kind or a URL template that is not http(s) stops the backend at start-up with the key named.
 */
export function readCommitLinks(config: Config): CommitLinksConfig {
  const links = config.getOptionalConfig(KEY);
  if (!links) {
    return {};
  }
  const commitUrl = urlTemplate(
    links.getOptionalString('commitUrl'),
    `${KEY}.commitUrl`,
  );
  const entries = links.getOptionalConfigArray('references');
  const references = entries?.map((entry, i) => {
    const key = `${KEY}.references[${i}]`;
    const kind = entry.getString('kind');
    if (!(KINDS as readonly string[]).includes(kind)) {
      throw new Error(
        `${key}.kind: must be pullRequest or ticket, not '${kind}'`,
      );
    }
    const source = entry.getString('pattern');
    let pattern: RegExp;
    try {
      pattern = new RegExp(source, 'g');
    } catch (e) {
      throw new Error(
        `${key}.pattern: not a regular expression (${(e as Error).message})`,
      );
    }
    if (pattern.test('')) {
      throw new Error(
        `${key}.pattern: matches the empty string; it must match a reference such as #123`,
      );
    }
    return {
      kind: kind as (typeof KINDS)[number],
      pattern,
      url: urlTemplate(entry.getOptionalString('url'), `${key}.url`),
    };
  });
  return {
    ...(commitUrl ? { commitUrl } : {}),
    ...(references ? { references } : {}),
  };
}
