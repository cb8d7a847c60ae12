import { escapeXml, niceTicks, renderLineChart } from './svgChart';

describe('niceTicks', () => {
  it('covers the range with round steps', () => {
    expect(niceTicks(0, 100, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(412, 487, 5)).toEqual([400, 420, 440, 460, 480, 500]);
    expect(niceTicks(0, 0.7, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
  });

  it('widens an empty range', () => {
    expect(niceTicks(3, 3)).toEqual([3, 3.2, 3.4, 3.6, 3.8, 4]);
  });
});

describe('renderLineChart', () => {
  const chart = {
    title: 'Memory <replica 1 & 2>',
    xLabel: 'minute',
    yLabel: 'MiB',
    series: [
      {
        name: 'replica 1 RSS',
        points: [1, 2, 3, 4].map(x => ({ x, y: 400 + x })),
      },
      {
        name: 'replica 2 RSS',
        dashed: true,
        points: [
          { x: 1, y: 410 },
          { x: 2, y: null },
          { x: 3, y: 412 },
          { x: 4, y: 413 },
        ],
      },
    ],
  };

  it('draws one polyline per unbroken run of each series, with a legend', () => {
    const svg = renderLineChart(chart);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(
      true,
    );
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    // Series 1: one line of 4 points; series 2: a lone point (circle), then a line of 2.
    const lines = [...svg.matchAll(/<polyline [^>]*points="([^"]*)"/g)].map(
      m => m[1].split(' ').length,
    );
    expect(lines).toEqual([4, 2]);
    expect(svg.match(/<circle /g)).toHaveLength(1);
    expect(svg).toContain('stroke-dasharray="6 3"');
    expect(svg).toContain('>replica 2 RSS</text>');
  });

  it('escapes text', () => {
    expect(renderLineChart(chart)).toContain(
      '<title>Memory &lt;replica 1 &amp; 2&gt;</title>',
    );
    expect(escapeXml(`a"b'c`)).toBe('a&quot;b&apos;c');
  });

  it('places points inside the plot, higher values higher up', () => {
    const svg = renderLineChart({ ...chart, series: [chart.series[0]] });
    const points = svg
      .match(/<polyline [^>]*points="([^"]*)"/)![1]
      .split(' ')
      .map(p => p.split(',').map(Number));
    for (const [x, y] of points) {
      expect(x).toBeGreaterThanOrEqual(64);
      expect(x).toBeLessThanOrEqual(744);
      expect(y).toBeGreaterThanOrEqual(32);
      expect(y).toBeLessThanOrEqual(256);
    }
    expect(points[3][1]).toBeLessThan(points[0][1]);
  });

  it('refuses a chart without points', () => {
    expect(() =>
      renderLineChart({ ...chart, series: [{ name: 'x', points: [] }] }),
    ).toThrow("chart 'Memory <replica 1 & 2>' has no points");
  });
});
