import { commitAuthorKey } from './commitAuthors';

describe('commitAuthorKey', () => {
  it.each([
    ['Ann Andersson <Ann@Shop.example>', { email: 'ann@shop.example' }],
    ['ann@shop.example', { email: 'ann@shop.example' }],
    [
      '12345+Ann-A@users.noreply.github.com',
      { email: '12345+ann-a@users.noreply.github.com', login: 'ann-a' },
    ],
    ['ann-a', { login: 'ann-a' }],
    ['@Ann_A', { login: 'ann_a' }],
    ['Ann Andersson', {}],
    ['', {}],
    ['<not an email>', {}],
  ])('reads %p', (author, key) => {
    expect(commitAuthorKey(author)).toEqual(key);
  });
});
