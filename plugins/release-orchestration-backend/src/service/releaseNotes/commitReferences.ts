/** Pull/merge requests and tickets a commit message names. */
export interface CommitReferences {
  /** `#123` (GitHub pull request), `!45` (GitLab merge request), or the URL as written. */
  pullRequests: string[];
  /** Issue-tracker keys such as `PAY-42`. */
  tickets: string[];
}

const PULL_URL = /https?:\/\/[^\s)>\]]+\/(?:pull|pulls|merge_requests)\/\d+/g;
const PULL_NUMBER = /(?:^|[\s(])([#!]\d+)\b/g;
const TICKET = /\b([A-Z][A-Z0-9]{1,9}-\d+)\b/g;

/** The references in one commit message, each once, in the order written. */
export function commitReferences(message: string): CommitReferences {
  const urls = [...message.matchAll(PULL_URL)].map(m => m[0]);
  const withoutUrls = message.replace(PULL_URL, ' ');
  const numbers = [...withoutUrls.matchAll(PULL_NUMBER)].map(m => m[1]);
  const tickets = [...withoutUrls.matchAll(TICKET)].map(m => m[1]);
  return {
    pullRequests: [...new Set([...numbers, ...urls])],
    tickets: [...new Set(tickets)],
  };
}
