import { CommitLinker } from './commitLinks';

const commit = {
  sha: 'abc1234',
  time: '2026-11-02T10:00:00.000Z',
  version: '1.1.0',
};

describe('CommitLinker', () => {
  it('finds the default references without links when nothing is configured', () => {
    expect(
      new CommitLinker().link('component:default/api', {
        ...commit,
        message: 'PAY-42: refunds (#123)',
      }),
    ).toEqual({
      ...commit,
      message: 'PAY-42: refunds (#123)',
      references: [
        { kind: 'pullRequest', text: '#123' },
        { kind: 'ticket', text: 'PAY-42' },
      ],
    });
  });

  it('fills the templates, escaping what comes from the message', () => {
    const linker = new CommitLinker({
      commitUrl: 'https://git.example.com/{namespace}/{component}/commit/{sha}',
      references: [
        {
          kind: 'ticket',
          pattern: /\b([A-Z]+)-(\d+)\b/g,
          url: 'https://t.example.com/{1}/{2}?q={0}',
        },
      ],
    });
    expect(
      linker.link('component:team-a/web', {
        ...commit,
        message: 'ABC-9 and ABC-9 again, XY-1',
      }),
    ).toEqual({
      ...commit,
      message: 'ABC-9 and ABC-9 again, XY-1',
      url: 'https://git.example.com/team-a/web/commit/abc1234',
      references: [
        {
          kind: 'ticket',
          text: 'ABC-9',
          url: 'https://t.example.com/ABC/9?q=ABC-9',
        },
        {
          kind: 'ticket',
          text: 'XY-1',
          url: 'https://t.example.com/XY/1?q=XY-1',
        },
      ],
    });
    expect(linker.references('#1 a&b-1', 'component:default/x', 's')).toEqual(
      [],
    );
  });
});
