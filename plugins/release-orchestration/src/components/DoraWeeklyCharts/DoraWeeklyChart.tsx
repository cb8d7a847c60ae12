import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { KeyboardEvent, useRef, useState } from 'react';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { DoraWeek } from '@release-orchestration/plugin-release-orchestration-common';
import { ChartUnit, chartTicks } from '../../lib/chartScale';
import { formatShortDay, plural } from '../../lib/doraFormat';

const WIDTH = 340;
const HEIGHT = 160;
const MARGIN = { top: 10, right: 10, bottom: 24, left: 58 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;
const MAX_X_LABELS = 6;
const ZERO_BAR = 1.5;

const useStyles = makeStyles(theme => ({
  svg: { width: '100%', height: 'auto', display: 'block', overflow: 'visible' },
  axisText: { fontSize: 10, fill: theme.palette.text.secondary },
  empty: { fontSize: 12, fill: theme.palette.text.secondary },
  target: {
    cursor: 'crosshair',
    outline: 'none',
    '&:hover, &:focus': { fill: theme.palette.action.hover },
    '&:focus': { stroke: theme.palette.text.primary, strokeWidth: 1 },
  },
  readout: { minHeight: '1.5em', display: 'block' },
}));

/**
 * Properties of {@link DoraWeeklyChart}.
 */
export interface DoraWeeklyChartProps {
  title: string;
  /** What the y axis measures, e.g. "median". */
  unitLabel?: string;
  weeks: DoraWeek[];
  kind: 'bar' | 'line';
  unit: ChartUnit;
  value(week: DoraWeek): number | undefined;
  format(value: number): string;
  /** What a week's value is made of, for its tooltip: "from 4 commits". */
  detail(week: DoraWeek): string;
}

function weekDays(week: DoraWeek): number {
  return (Date.parse(week.to) - Date.parse(week.from)) / 86_400_000;
}

/**
 * A small chart of one metric week by week, drawn as SVG: y axis with round
 * ticks, x axis labelled with the Monday of each week. Each week's value shows
 * on hover and on keyboard focus (one tab stop per chart, arrow keys move
 * between weeks), and "Show as table" lists every week. Weeks cut by the
 * window's edge are drawn faded and say so.
 */
export function DoraWeeklyChart(props: DoraWeeklyChartProps) {
  const { title, weeks, kind, unit, value, format, detail, unitLabel } = props;
  const classes = useStyles();
  const theme = useTheme();
  const values = weeks.map(value);
  const defined = values.filter((v): v is number => v !== undefined);
  const ticks = chartTicks(Math.max(0, ...defined), unit);
  const top = ticks[ticks.length - 1];
  const band = PLOT_W / Math.max(weeks.length, 1);
  const x = (i: number) => MARGIN.left + band * (i + 0.5);
  const y = (v: number) => MARGIN.top + PLOT_H - (v / top) * PLOT_H;
  const labelEvery = Math.ceil(weeks.length / MAX_X_LABELS);
  const colour = theme.palette.primary.main;
  const tickText = (v: number) => (v === 0 ? '0' : format(v));
  const [active, setActive] = useState<number>();
  const [focusIndex, setFocusIndex] = useState(Math.max(weeks.length - 1, 0));
  const [showTable, setShowTable] = useState(false);
  const targets = useRef<Array<SVGRectElement | null>>([]);
  const onKeyDown = (event: KeyboardEvent, i: number) => {
    const next = {
      ArrowLeft: i - 1,
      ArrowRight: i + 1,
      Home: 0,
      End: weeks.length - 1,
    }[event.key];
    if (next === undefined || next < 0 || next >= weeks.length) return;
    event.preventDefault();
    setFocusIndex(next);
    targets.current[next]?.focus();
  };

  const tooltip = (week: DoraWeek, v: number | undefined) => {
    const days = weekDays(week);
    const partial =
      days < 7 - 1e-6
        ? ` (partial week: ${plural(Math.round(days * 10) / 10, 'day')})`
        : '';
    return `Week of ${formatShortDay(week.weekStart)}${partial}: ${
      v === undefined ? 'no data' : format(v)
    }, ${detail(week)}`;
  };

  const segments: string[] = [];
  if (kind === 'line') {
    let path = '';
    for (const [i, v] of values.entries()) {
      if (v === undefined) {
        if (path) segments.push(path);
        path = '';
      } else {
        path += `${path ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      }
    }
    if (path) segments.push(path);
  }

  return (
    <figure style={{ margin: 0 }}>
      <Typography variant="subtitle2" component="figcaption" aria-hidden>
        {title}
        {unitLabel && (
          <Typography variant="caption" color="textSecondary" component="span">
            {' '}
            ({unitLabel})
          </Typography>
        )}
      </Typography>
      <svg
        className={classes.svg}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="group"
        aria-label={unitLabel ? `${title} (${unitLabel})` : title}
      >
        {ticks.map(t => (
          <g key={t}>
            <line
              x1={MARGIN.left}
              x2={WIDTH - MARGIN.right}
              y1={y(t)}
              y2={y(t)}
              stroke={theme.palette.divider}
              strokeDasharray={t === 0 ? undefined : '2 3'}
            />
            <text
              className={classes.axisText}
              x={MARGIN.left - 6}
              y={y(t)}
              textAnchor="end"
              dominantBaseline="middle"
            >
              {tickText(t)}
            </text>
          </g>
        ))}
        {weeks.map((week, i) =>
          i % labelEvery === 0 ? (
            <text
              key={week.weekStart}
              className={classes.axisText}
              x={x(i)}
              y={HEIGHT - 6}
              textAnchor="middle"
            >
              {formatShortDay(week.weekStart)}
            </text>
          ) : null,
        )}
        {defined.length === 0 && (
          <text
            className={classes.empty}
            x={MARGIN.left + PLOT_W / 2}
            y={MARGIN.top + PLOT_H / 2}
            textAnchor="middle"
          >
            No data in this window
          </text>
        )}
        {segments.map(d => (
          <path key={d} d={d} fill="none" stroke={colour} strokeWidth={2} />
        ))}
        {weeks.map((week, i) => {
          const v = values[i];
          const faded = weekDays(week) < 7 - 1e-6;
          if (kind === 'bar') {
            // A measured zero gets a sliver, so it reads apart from a week without data.
            const height =
              v === undefined ? 0 : Math.max((v / top) * PLOT_H, ZERO_BAR);
            return (
              <rect
                key={week.weekStart}
                data-testid="chart-mark"
                x={x(i) - band * 0.35}
                width={band * 0.7}
                y={MARGIN.top + PLOT_H - height}
                height={height}
                fill={colour}
                fillOpacity={faded ? 0.4 : 0.85}
              />
            );
          }
          return v === undefined ? null : (
            <circle
              key={week.weekStart}
              data-testid="chart-mark"
              cx={x(i)}
              cy={y(v)}
              r={3.5}
              fill={faded ? theme.palette.background.paper : colour}
              stroke={colour}
              strokeWidth={1.5}
            />
          );
        })}
        {/* Full-height targets: every week, an empty one too, tells its value on hover and focus. */}
        {weeks.map((week, i) => (
          <rect
            key={`hover-${week.weekStart}`}
            ref={el => {
              targets.current[i] = el;
            }}
            className={classes.target}
            x={x(i) - band / 2}
            width={band}
            y={MARGIN.top}
            height={PLOT_H}
            fill="transparent"
            role="img"
            aria-label={tooltip(week, values[i])}
            tabIndex={i === focusIndex ? 0 : -1}
            onMouseEnter={() => setActive(i)}
            onMouseLeave={() => setActive(undefined)}
            onFocus={() => {
              setActive(i);
              setFocusIndex(i);
            }}
            onBlur={() => setActive(undefined)}
            onKeyDown={event => onKeyDown(event, i)}
          />
        ))}
      </svg>
      <Typography
        variant="caption"
        color="textSecondary"
        className={classes.readout}
        aria-hidden
      >
        {active !== undefined && weeks[active]
          ? tooltip(weeks[active], values[active])
          : 'Hover or focus a week for its value'}
      </Typography>
      <Button
        size="small"
        aria-expanded={showTable}
        onClick={() => setShowTable(shown => !shown)}
      >
        {showTable ? 'Hide table' : 'Show as table'}
      </Button>
      {showTable && (
        <Table size="small" aria-label={`${title} by week`}>
          <TableHead>
            <TableRow>
              <TableCell>Week of</TableCell>
              <TableCell>
                {unitLabel ? `${title} (${unitLabel})` : title}
              </TableCell>
              <TableCell>Made of</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {weeks.map((week, i) => (
              <TableRow key={week.weekStart}>
                <TableCell component="th" scope="row">
                  {formatShortDay(week.weekStart)}
                  {weekDays(week) < 7 - 1e-6 ? ' (partial)' : ''}
                </TableCell>
                <TableCell>
                  {values[i] === undefined ? 'no data' : format(values[i]!)}
                </TableCell>
                <TableCell>{detail(week)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </figure>
  );
}
