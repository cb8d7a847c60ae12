import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { readCommitLinks } from './readCommitLinks';

const read = (commitLinks: JsonObject) =>
  readCommitLinks(new ConfigReader({ releaseOrchestration: { commitLinks } }));

describe('readCommitLinks', () => {
  it('is empty when not configured', () => {
    expect(readCommitLinks(new ConfigReader({}))).toEqual({});
  });

  it('compiles the patterns', () => {
    const links = read({
      commitUrl: 'https://github.com/acme/{component}/commit/{sha}',
      references: [
        {
          kind: 'ticket',
          pattern: '\\bABC-\\d+\\b',
          url: 'https://jira.example.com/browse/{0}',
        },
      ],
    });
    expect(links.commitUrl).toBe(
      'https://github.com/acme/{component}/commit/{sha}',
    );
    expect(links.references?.[0].pattern.flags).toBe('g');
    expect('fix ABC-1 and ABC-2'.match(links.references![0].pattern)).toEqual([
      'ABC-1',
      'ABC-2',
    ]);
  });

  it('names the key of a bad entry', () => {
    expect(() =>
      read({ references: [{ kind: 'ticket', pattern: '(' }] }),
    ).toThrow(
      /^releaseOrchestration\.commitLinks\.references\[0\]\.pattern: not a regular expression/,
    );
    expect(() =>
      read({ references: [{ kind: 'ticket', pattern: 'x*' }] }),
    ).toThrow(/references\[0\]\.pattern: matches the empty string/);
    expect(() =>
      read({ references: [{ kind: 'issue', pattern: '#\\d+' }] }),
    ).toThrow(/references\[0\]\.kind: must be pullRequest or ticket/);
    expect(() => read({ commitUrl: 'ftp://example.com/{sha}' })).toThrow(
      /^releaseOrchestration\.commitLinks\.commitUrl: must be an http\(s\) URL/,
    );
  });
});
