import { PassThrough } from 'node:stream';
import { formatDuration, Progress } from './Progress';

describe('formatDuration', () => {
  it('reads as hours, minutes or seconds', () => {
    expect(formatDuration(12.4)).toBe('12s');
    expect(formatDuration(185)).toBe('3m05s');
    expect(formatDuration(3725)).toBe('1h02m');
    expect(formatDuration(Infinity)).toBe('?');
  });
});

describe('Progress', () => {
  it('shows rows, rows per second and the time left', () => {
    const progress = new Progress('load', 1000, new PassThrough());
    expect(progress.line(250, 5000)).toBe(
      'load [######..................]  25% 250 rows 50 rows/s ETA 15s',
    );
    expect(progress.line(2000, 1000, 'systems 3/3')).toBe(
      'load [########################] 100% 2,000 rows 2,000 rows/s ETA 0s systems 3/3',
    );
  });

  it('writes a final line to its stream', () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', chunk => {
      text += chunk;
    });
    new Progress('load', 10, out).finish(10, 'done');
    expect(text).toContain('100% 10 rows');
    expect(text).toContain('done');
  });
});
