/** One line of a chart: a name for the legend and its points (x, y); null y leaves a gap. */
export interface ChartSeries {
  name: string;
  points: Array<{ x: number; y: number | null }>;
  /** Drawn dashed (e.g. the second replica). */
  dashed?: boolean;
}

/** A line chart to draw. */
export interface LineChart {
  title: string;
  xLabel: string;
  yLabel: string;
  series: ChartSeries[];
  width?: number;
  height?: number;
  /** The y axis starts at 0 (default), or at the data's minimum. */
  yFromZero?: boolean;
}

const COLORS = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#9467bd',
  '#ff7f0e',
  '#8c564b',
  '#17becf',
  '#7f7f7f',
];

/** Escapes text for SVG (XML) content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    c =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }[
        c
      ]!),
  );
}

/** Round tick values covering [min, max]: steps of 1, 2 or 5 times a power of ten, about `count` of them. */
export function niceTicks(min: number, upper: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(upper)) {
    throw new Error(`ticks need finite bounds, got ${min} and ${upper}`);
  }
  const max = upper > min ? upper : min + 1;
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map(f => f * power).find(s => s >= raw)!;
  const ticks: number[] = [];
  for (
    let v = Math.floor(min / step) * step;
    v <= max + step * 1e-9;
    v += step
  ) {
    ticks.push(Number((Math.round(v / step) * step).toPrecision(12)));
  }
  if (ticks[ticks.length - 1] < max) {
    ticks.push(Number((ticks[ticks.length - 1] + step).toPrecision(12)));
  }
  return ticks;
}

const fmt = (v: number) =>
  Math.abs(v) >= 100 || Number.isInteger(v)
    ? String(Math.round(v))
    : String(Math.round(v * 10) / 10);

/**
 * Renders a line chart as a standalone SVG document (no dependency): axes with round ticks, one
 * polyline per series (split at gaps), a legend below. Throws when no series has a point.
 */
export function renderLineChart(chart: LineChart): string {
  const width = chart.width ?? 760;
  const legendRows = Math.ceil(chart.series.length / 2);
  const height = (chart.height ?? 300) + legendRows * 18;
  const plotHeight = chart.height ?? 300;
  const m = { left: 64, right: 16, top: 32, bottom: 44 };
  const all = chart.series.flatMap(s =>
    s.points.filter((p): p is { x: number; y: number } => p.y !== null),
  );
  if (all.length === 0) {
    throw new Error(`chart '${chart.title}' has no points`);
  }
  const xs = all.map(p => p.x);
  const ys = all.map(p => p.y);
  const xTicks = niceTicks(Math.min(...xs), Math.max(...xs), 6);
  const yTicks = niceTicks(
    chart.yFromZero === false ? Math.min(...ys) : Math.min(0, ...ys),
    Math.max(...ys),
    5,
  );
  const [x0, x1] = [xTicks[0], xTicks[xTicks.length - 1]];
  const [y0, y1] = [yTicks[0], yTicks[yTicks.length - 1]];
  const px = (x: number) =>
    m.left + ((x - x0) / (x1 - x0)) * (width - m.left - m.right);
  const py = (y: number) =>
    plotHeight -
    m.bottom -
    ((y - y0) / (y1 - y0)) * (plotHeight - m.top - m.bottom);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<title>${escapeXml(chart.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${
      width / 2
    }" y="18" text-anchor="middle" font-size="13" font-weight="bold">${escapeXml(
      chart.title,
    )}</text>`,
  ];
  for (const t of yTicks) {
    out.push(
      `<line x1="${m.left}" x2="${width - m.right}" y1="${py(t).toFixed(
        1,
      )}" y2="${py(t).toFixed(1)}" stroke="#e0e0e0"/>`,
      `<text x="${m.left - 6}" y="${(py(t) + 4).toFixed(
        1,
      )}" text-anchor="end">${fmt(t)}</text>`,
    );
  }
  for (const t of xTicks) {
    out.push(
      `<line x1="${px(t).toFixed(1)}" x2="${px(t).toFixed(1)}" y1="${
        plotHeight - m.bottom
      }" y2="${plotHeight - m.bottom + 4}" stroke="#555555"/>`,
      `<text x="${px(t).toFixed(1)}" y="${
        plotHeight - m.bottom + 16
      }" text-anchor="middle">${fmt(t)}</text>`,
    );
  }
  out.push(
    `<line x1="${m.left}" x2="${width - m.right}" y1="${
      plotHeight - m.bottom
    }" y2="${plotHeight - m.bottom}" stroke="#555555"/>`,
    `<line x1="${m.left}" x2="${m.left}" y1="${m.top}" y2="${
      plotHeight - m.bottom
    }" stroke="#555555"/>`,
    `<text x="${(m.left + width - m.right) / 2}" y="${
      plotHeight - 8
    }" text-anchor="middle">${escapeXml(chart.xLabel)}</text>`,
    `<text transform="translate(14 ${
      (m.top + plotHeight - m.bottom) / 2
    }) rotate(-90)" text-anchor="middle">${escapeXml(chart.yLabel)}</text>`,
  );
  chart.series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    const dash = s.dashed ? ' stroke-dasharray="6 3"' : '';
    let run: string[] = [];
    const flush = () => {
      if (run.length > 1) {
        out.push(
          `<polyline fill="none" stroke="${color}" stroke-width="1.8"${dash} points="${run.join(
            ' ',
          )}"/>`,
        );
      } else if (run.length === 1) {
        const [x, y] = run[0].split(',');
        out.push(`<circle cx="${x}" cy="${y}" r="2" fill="${color}"/>`);
      }
      run = [];
    };
    for (const p of s.points) {
      if (p.y === null) {
        flush();
      } else {
        run.push(`${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`);
      }
    }
    flush();
    const lx = m.left + (i % 2) * ((width - m.left) / 2);
    const ly = plotHeight + Math.floor(i / 2) * 18 + 4;
    out.push(
      `<line x1="${lx}" x2="${
        lx + 24
      }" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2"${dash}/>`,
      `<text x="${lx + 30}" y="${ly + 4}">${escapeXml(s.name)}</text>`,
    );
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
