/**
 * Parses a soak duration such as `30m`, `2m`, `1h`, `1h30m` or `90s` into milliseconds. The soak
 * records once a minute, so a duration under one minute is refused.
 */
export function parseDuration(text: string, flag = 'soak'): number {
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text.trim());
  if (!match || text.trim() === '') {
    throw new Error(
      `--${flag}: must be a duration like 30m, 2h, 1h30m or 90s, got '${text}'`,
    );
  }
  const [, h, m, s] = match;
  const ms =
    ((Number(h ?? 0) * 60 + Number(m ?? 0)) * 60 + Number(s ?? 0)) * 1000;
  if (ms < 60_000) {
    throw new Error(
      `--${flag}: must be at least 1m (the soak records once a minute), got '${text}'`,
    );
  }
  return ms;
}

/** A duration in ms as the command line writes it: `30m`, `1h30m`, `90s`. */
export function formatSoakDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}` || '0s';
}
