import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import { makeStyles } from '@material-ui/core/styles';
import {
  DoraMetric,
  DoraOutlier,
  DoraTrend,
  DoraWindowMetrics,
} from '@release-orchestration/plugin-release-orchestration-common';
import {
  ReactNode,
  startTransition,
  useEffect,
  useMemo,
  useState,
} from 'react';
import { doraMetricView, doraMetricViews } from '../../lib/doraMetrics';
import { DoraMetricCell } from './DoraMetricCell';

/**
 * One row of a {@link DoraMetricsTable}: a System or a team.
 */
export interface DoraMetricsTableRow {
  /** Entity ref; unique in the table. */
  key: string;
  /** What the first column shows, usually a link. */
  name: ReactNode;
  /** The text the first column sorts by. */
  sortName: string;
  /** Systems the row covers; shown when the table has a Systems column. */
  systems?: number;
  current: DoraWindowMetrics;
  previous: DoraWindowMetrics;
  trends: Record<DoraMetric, DoraTrend>;
  outliers?: DoraOutlier[];
}

/**
 * What a {@link DoraMetricsTable} is sorted by: the name, the Systems count, or a metric.
 */
export type DoraMetricsTableSortKey = 'name' | 'systems' | DoraMetric;

/**
 * The order of a {@link DoraMetricsTable}.
 */
export interface DoraMetricsTableSort {
  key: DoraMetricsTableSortKey;
  direction: 'asc' | 'desc';
}

type SortKey = DoraMetricsTableSortKey;

/**
 * Rows rendered in the first commit; the rest follow in a transition, which React renders in
 * slices between frames. The org page's Teams table has a row per team (200 at the benchmark's
 * scale 1, four metric cells each): in one commit the browser showed nothing of it for 0.4-0.7 s.
 */
export const FIRST_ROWS = 50;
type Direction = 'asc' | 'desc';

const useStyles = makeStyles(theme => ({
  head: {
    fontWeight: theme.typography.fontWeightBold as number,
    verticalAlign: 'bottom',
  },
  narrowHead: { whiteSpace: 'nowrap' },
  name: { minWidth: 160 },
}));

/** Best first: the direction a first click on a metric's header sorts in. */
function bestFirst(key: SortKey): Direction {
  if (key === 'name') return 'asc';
  if (key === 'systems') return 'desc';
  return doraMetricView(key).betterWhen === 'higher' ? 'desc' : 'asc';
}

function sortValue(row: DoraMetricsTableRow, key: SortKey) {
  if (key === 'name') return row.sortName;
  if (key === 'systems') return row.systems;
  return doraMetricView(key).value(row.current);
}

/** Sorted rows; rows without a value come last in both directions. */
function sortRows(
  rows: DoraMetricsTableRow[],
  key: SortKey,
  direction: Direction,
) {
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = sortValue(a, key);
    const vb = sortValue(b, key);
    if (va === undefined || vb === undefined) {
      if (va === vb) return a.sortName.localeCompare(b.sortName);
      return va === undefined ? 1 : -1;
    }
    const order =
      typeof va === 'string'
        ? va.localeCompare(String(vb))
        : (va as number) - (vb as number);
    return order === 0 ? a.sortName.localeCompare(b.sortName) : sign * order;
  });
}

/**
 * Properties of {@link DoraMetricsTable}.
 */
export interface DoraMetricsTableProps {
  rows: DoraMetricsTableRow[];
  /** Header of the first column: "System" or "Team". */
  nameTitle: string;
  /** Adds a Systems column (for teams). */
  showSystems?: boolean;
  'aria-label': string;
  /**
   * Sorted elsewhere (e.g. by the server): the rows are shown in the given
   * order, and a header click asks `onSortChange` for another.
   */
  sort?: DoraMetricsTableSort;
  onSortChange?(sort: DoraMetricsTableSort): void;
}

/**
 * DORA metrics per System or per team: value, trend and level in every cell,
 * sortable by each metric (best first on the first click; no data always last).
 */
export function DoraMetricsTable(props: DoraMetricsTableProps) {
  const { rows, nameTitle, showSystems } = props;
  const classes = useStyles();
  const [ownSort, setOwnSort] = useState<DoraMetricsTableSort>({
    key: 'name',
    direction: 'asc',
  });
  const controlled = props.sort !== undefined;
  const sort = props.sort ?? ownSort;
  const sorted = useMemo(
    () => (controlled ? rows : sortRows(rows, sort.key, sort.direction)),
    [rows, sort, controlled],
  );
  const [allRows, setAllRows] = useState(false);
  useEffect(() => {
    if (!allRows && sorted.length > FIRST_ROWS) {
      startTransition(() => setAllRows(true));
    }
  }, [allRows, sorted.length]);
  const shown = allRows ? sorted : sorted.slice(0, FIRST_ROWS);
  const setSort = (
    next: (current: DoraMetricsTableSort) => DoraMetricsTableSort,
  ) => {
    if (controlled) {
      props.onSortChange?.(next(sort));
    } else {
      setOwnSort(next);
    }
  };
  const header = (key: SortKey, title: string) => (
    <TableCell
      key={key}
      className={`${classes.head} ${
        key === 'systems' ? classes.narrowHead : ''
      }`}
      sortDirection={sort.key === key ? sort.direction : false}
    >
      <TableSortLabel
        active={sort.key === key}
        direction={sort.key === key ? sort.direction : bestFirst(key)}
        onClick={() =>
          setSort(current =>
            current.key === key
              ? { key, direction: current.direction === 'asc' ? 'desc' : 'asc' }
              : { key, direction: bestFirst(key) },
          )
        }
      >
        {title}
      </TableSortLabel>
    </TableCell>
  );
  return (
    <TableContainer component={Paper} variant="outlined">
      <Table size="small" aria-label={props['aria-label']}>
        <TableHead>
          <TableRow>
            {header('name', nameTitle)}
            {showSystems && header('systems', 'Systems')}
            {doraMetricViews.map(view => header(view.metric, view.title))}
          </TableRow>
        </TableHead>
        <TableBody>
          {shown.map(row => (
            <TableRow key={row.key} hover>
              <TableCell
                component="th"
                scope="row"
                role="rowheader"
                className={classes.name}
              >
                {row.name}
              </TableCell>
              {showSystems && <TableCell>{row.systems ?? '—'}</TableCell>}
              {doraMetricViews.map(view => (
                <TableCell key={view.metric}>
                  <DoraMetricCell
                    view={view}
                    current={row.current}
                    previous={row.previous}
                    trend={row.trends[view.metric]}
                    outliers={row.outliers?.filter(
                      o => o.metric === view.metric,
                    )}
                  />
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {rows.length === 0 && (
        <Box p={2} color="text.secondary">
          Nothing to show.
        </Box>
      )}
    </TableContainer>
  );
}
