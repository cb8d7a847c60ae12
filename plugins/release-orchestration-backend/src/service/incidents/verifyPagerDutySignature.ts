import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header PagerDuty V3 webhooks sign their body in. */
export const PAGERDUTY_SIGNATURE_HEADER = 'x-pagerduty-signature';

/**
 * Whether a PagerDuty V3 webhook body carries a valid signature: the `X-PagerDuty-Signature`
 * header lists one or more `v1=<hex>` signatures (several while a subscription's secret is
 * rotated), each an HMAC-SHA256 of the raw body with a subscription secret. One match with any
 * of the configured secrets is enough; comparisons take constant time.
 */
export function verifyPagerDutySignature(
  rawBody: Buffer | undefined,
  header: string | string[] | undefined,
  secrets: string[],
): boolean {
  if (!rawBody || !header || secrets.length === 0) {
    return false;
  }
  const offered = (Array.isArray(header) ? header.join(',') : header)
    .split(',')
    .map(part => part.trim())
    .filter(part => part.startsWith('v1='))
    .map(part => part.slice(3))
    .filter(hex => /^[0-9a-fA-F]{64}$/.test(hex))
    .map(hex => Buffer.from(hex, 'hex'));
  return secrets.some(secret => {
    const expected = createHmac('sha256', secret).update(rawBody).digest();
    return offered.some(signature => timingSafeEqual(signature, expected));
  });
}
