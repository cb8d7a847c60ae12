/** Formats a duration in seconds as `1h02m`, `3m05s` or `12s`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) {
    return '?';
  }
  const s = Math.round(seconds);
  if (s >= 3600) {
    return `${Math.floor(s / 3600)}h${String(
      Math.floor((s % 3600) / 60),
    ).padStart(2, '0')}m`;
  }
  if (s >= 60) {
    return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  }
  return `${s}s`;
}

/**
 * A progress bar on stderr: rows written, rows/s and the time left, redrawn in place on a
 * terminal at most four times a second (a line every ten seconds otherwise).
 */
export class Progress {
  private readonly started = Date.now();
  private lastDraw = 0;
  private readonly tty = Boolean(process.stderr.isTTY);

  constructor(
    private readonly label: string,
    private expected: number,
    private readonly stream: NodeJS.WritableStream = process.stderr,
  ) {}

  /** The line as it is drawn for `done` rows after `elapsedMs`. */
  line(done: number, elapsedMs: number, note = ''): string {
    const rate = elapsedMs > 0 ? (done / elapsedMs) * 1000 : 0;
    const expected = Math.max(this.expected, done);
    const fraction = expected > 0 ? done / expected : 1;
    const width = 24;
    const filled = Math.min(width, Math.round(fraction * width));
    const eta = rate > 0 ? (expected - done) / rate : Infinity;
    return `${this.label} [${'#'.repeat(filled)}${'.'.repeat(
      width - filled,
    )}] ${(fraction * 100).toFixed(0).padStart(3)}% ${done.toLocaleString(
      'en-US',
    )} rows ${Math.round(rate).toLocaleString(
      'en-US',
    )} rows/s ETA ${formatDuration(eta)}${note ? ` ${note}` : ''}`;
  }

  update(done: number, note = '') {
    const now = Date.now();
    if (now - this.lastDraw < (this.tty ? 250 : 10_000)) {
      return;
    }
    this.lastDraw = now;
    this.draw(done, note);
  }

  finish(done: number, note = '') {
    this.expected = done;
    this.draw(done, note);
    if (this.tty) {
      this.stream.write('\n');
    }
  }

  private draw(done: number, note: string) {
    const text = this.line(done, Date.now() - this.started, note);
    this.stream.write(this.tty ? `\r${text}\x1b[K` : `${text}\n`);
  }
}
