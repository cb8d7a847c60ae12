/** ISO 8601 date-times as the API writes them. */
const ISO_DATE_TIME =
  /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})\b/g;

/**
 * "Sun, 6 Dec 2026, 14:00 UTC": a date and time a person reads at a glance, in
 * the browser's time zone (or `timeZone`), with the zone named.
 */
export function formatDateTime(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone,
  }).format(date);
}

/**
 * A backend message (written for API and CLI users) in plain words for the
 * portal: readable dates with their time zone instead of ISO timestamps, entity
 * names instead of refs, no ids, no permission ids or API field names, lane
 * titles instead of lane names (when `lanes` are given).
 */
export function plainMessage(
  message: string,
  options: {
    lanes?: Array<{ name: string; title: string }>;
    timeZone?: string;
  } = {},
): string {
  let text = message
    .replace(ISO_DATE_TIME, iso => formatDateTime(iso, options.timeZone))
    // "(needs release-orchestration.freeze.override)": who may do it is the portal's business.
    .replace(/\s*\(needs [a-z-]+(?:\.[a-z-]+)+\)/g, '')
    .replace(/\s*\(annotation [^)]*\)/g, '')
    .replace(/\bgive an emergencyOverride\b/g, 'ask for an emergency override')
    .replace(/\bemergencyOverride\b/g, 'emergency override')
    .replace(/\bminApprovals\b/g, 'number of approvals')
    // "(3f1e…-…, pending_approval)": the promotion's id is no use to a person.
    .replace(
      /\(\s*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12},\s*/gi,
      '(',
    )
    .replace(
      /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
      '',
    )
    .replace(/\b(pending_approval)\b/g, 'pending approval')
    // "system:default/payments" -> "payments"
    .replace(/\b(?:system|component|user|group):[\w.-]+\/([\w.-]+)/gi, '$1')
    .replace(/\bservice:external:([\w.-]+)/g, '$1')
    // "Development (dev)": the lane's title is enough.
    .replace(/\b([A-Z][\w-]*) \(([a-z][\w-]*)\)/g, (whole, title, name) =>
      title.toLowerCase().startsWith(name.toLowerCase()) ? title : whole,
    );
  for (const lane of options.lanes ?? []) {
    if (lane.name !== lane.title) {
      text = text.replace(
        new RegExp(
          `(^|[\\s(,;'"])${lane.name.replace(
            /[.*+?^${}()|[\]\\]/g,
            '\\$&',
          )}(?=[\\s),;:.'"]|$)`,
          'g',
        ),
        `$1${lane.title}`,
      );
    }
  }
  return text.charAt(0).toUpperCase() + text.slice(1);
}
