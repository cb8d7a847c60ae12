/** How a commit author, as CI reported it, may be matched to a catalog user. */
export interface CommitAuthorKey {
  /** Lower-case e-mail address, when the author has one. */
  email?: string;
  /** Lower-case GitHub/GitLab login: a bare login, or a GitHub `noreply` address. */
  login?: string;
}

const ANGLE_EMAIL = /<([^<>\s]+@[^<>\s]+)>/;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+$/;
const LOGIN = /^@?([A-Za-z0-9](?:[A-Za-z0-9._-]{0,98}[A-Za-z0-9])?)$/;
const GITHUB_NOREPLY = /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/;

/**
 * Reads a commit author (`Ada <ada@acme.example>`, `ada@acme.example`, `ada-l`, `@ada-l`) into
 * the keys a catalog user can be found by. A display name alone (with spaces) has none: names are
 * not unique, so it matches nobody.
 */
export function commitAuthorKey(author: string): CommitAuthorKey {
  const text = author.trim();
  const email = (ANGLE_EMAIL.exec(text)?.[1] ?? (EMAIL.test(text) ? text : ''))
    .toLocaleLowerCase('en-US')
    .trim();
  if (email) {
    const noreply = GITHUB_NOREPLY.exec(email);
    return noreply ? { email, login: noreply[1] } : { email };
  }
  const login = LOGIN.exec(text)?.[1];
  return login ? { login: login.toLocaleLowerCase('en-US') } : {};
}

/** Catalog annotations that hold a user's login on a code host. */
export const USER_LOGIN_ANNOTATIONS = [
  'github.com/user-login',
  'gitlab.com/user-login',
] as const;
