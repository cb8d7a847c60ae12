import { commitReferences } from './commitReferences';

describe('commitReferences', () => {
  it('finds pull/merge requests and ticket keys once each', () => {
    expect(
      commitReferences(
        'Merge pull request #123 from acme/refunds\n\nPAY-42: faster refunds (see !7, PAY-42) https://github.com/acme/shop/pull/99',
      ),
    ).toEqual({
      pullRequests: ['#123', '!7', 'https://github.com/acme/shop/pull/99'],
      tickets: ['PAY-42'],
    });
  });

  it('ignores digits and words that only look like references', () => {
    expect(commitReferences('bump to v1.2-3, issue#4 x-9 a-1')).toEqual({
      pullRequests: [],
      tickets: [],
    });
  });
});
