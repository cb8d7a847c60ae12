/**
 * The next calendar version `YYYY.MM.DD-N` for `today` (UTC) that is not in
 * `existing`: N counts up from 1 past every release already cut that day.
 */
export function suggestReleaseVersion(
  existing: Iterable<string>,
  today: Date = new Date(),
): string {
  const taken = new Set(existing);
  const pad = (n: number) => String(n).padStart(2, '0');
  const prefix = `${today.getUTCFullYear()}.${pad(
    today.getUTCMonth() + 1,
  )}.${pad(today.getUTCDate())}`;
  let n = 1;
  for (const version of taken) {
    const match = /^(\d{4}\.\d{2}\.\d{2})-(\d+)$/.exec(version);
    if (match && match[1] === prefix) {
      n = Math.max(n, Number(match[2]) + 1);
    }
  }
  while (taken.has(`${prefix}-${n}`)) {
    n += 1;
  }
  return `${prefix}-${n}`;
}
