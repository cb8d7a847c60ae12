import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  ChangeCommit,
  ComponentChange,
  ComponentChangeKind,
} from '@release-orchestration/plugin-release-orchestration-common';
import { plural } from '../../lib/doraFormat';
import { entityNameOf } from '../../lib/entityRef';
import { formatAbsolute, formatRelative } from '../../lib/format';
import { ChangeChip } from '../ChangeChip';

const ORDER: ComponentChangeKind[] = [
  'changed',
  'added',
  'removed',
  'unchanged',
];

const useStyles = makeStyles(theme => ({
  item: { display: 'block' },
  line: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  commits: {
    listStyle: 'none',
    margin: theme.spacing(1, 0, 0, 0),
    paddingLeft: theme.spacing(2),
    borderLeft: `2px solid ${theme.palette.divider}`,
  },
  commit: { padding: theme.spacing(0.5, 0) },
  sha: { fontFamily: 'monospace', whiteSpace: 'nowrap' },
  // Static classes, not Box (a style sheet of its own per instance, two per component line).
  chipColumn: { width: 120, flexShrink: 0 },
  componentColumn: { flex: '0 0 35%', minWidth: 160 },
  references: {
    display: 'inline-flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginLeft: theme.spacing(1),
  },
}));

function Versions(props: { change: ComponentChange }) {
  const { change, fromVersion, toVersion } = props.change;
  const text = {
    added: `new at ${toVersion}`,
    removed: `was ${fromVersion}, not in this release`,
    changed: `${fromVersion} → ${toVersion}`,
    unchanged: `${toVersion ?? fromVersion}`,
  }[change];
  return (
    <Typography variant="body2" style={{ fontFamily: 'monospace' }}>
      {text}
    </Typography>
  );
}

function firstLine(message: string | undefined) {
  return (message ?? '').split(/\r?\n/, 1)[0].trim();
}

/** One commit: linked short SHA, first line, author, time, and the pull requests and tickets it names. */
function CommitLine(props: { commit: ChangeCommit; reverted: boolean }) {
  const { commit, reverted } = props;
  const classes = useStyles();
  const sha = commit.sha.slice(0, 7);
  return (
    <li className={classes.commit}>
      <Typography variant="body2" component="div">
        {reverted && <strong>Reverted: </strong>}
        {commit.url ? (
          <Link
            to={commit.url}
            underline="always"
            className={classes.sha}
            aria-label={`Commit ${sha}`}
          >
            {sha}
          </Link>
        ) : (
          <span className={classes.sha}>{sha}</span>
        )}{' '}
        {firstLine(commit.message) || (
          <Typography variant="body2" component="span" color="textSecondary">
            (no message reported)
          </Typography>
        )}
        {commit.references && commit.references.length > 0 && (
          <span className={classes.references}>
            {commit.references.map(ref =>
              ref.url ? (
                <Link
                  key={`${ref.kind}:${ref.text}`}
                  to={ref.url}
                  underline="always"
                  aria-label={`${
                    ref.kind === 'pullRequest' ? 'Pull request' : 'Ticket'
                  } ${ref.text}`}
                >
                  {ref.text}
                </Link>
              ) : (
                <span key={`${ref.kind}:${ref.text}`}>{ref.text}</span>
              ),
            )}
          </span>
        )}
      </Typography>
      <Typography variant="caption" color="textSecondary" component="div">
        {commit.author ? `${commit.author}, ` : ''}
        <time dateTime={commit.time} title={formatAbsolute(commit.time)}>
          {formatRelative(commit.time)}
        </time>
        {` · in ${commit.version}`}
      </Typography>
    </li>
  );
}

function Commits(props: { change: ComponentChange }) {
  const { change } = props;
  const classes = useStyles();
  const forward = change.commits ?? [];
  const reverted = change.revertedCommits ?? [];
  if (
    (change.change !== 'added' && change.change !== 'changed') ||
    (change.commits === undefined && change.revertedCommits === undefined)
  ) {
    return null;
  }
  const name = entityNameOf(change.componentRef);
  if (forward.length === 0 && reverted.length === 0) {
    return (
      <Typography variant="caption" color="textSecondary" component="p">
        No commits were reported with the builds of {name}.
      </Typography>
    );
  }
  return (
    <>
      <ul className={classes.commits} aria-label={`Commits of ${name}`}>
        {forward.map(commit => (
          <CommitLine key={commit.sha} commit={commit} reverted={false} />
        ))}
        {reverted.map(commit => (
          <CommitLine key={commit.sha} commit={commit} reverted />
        ))}
      </ul>
      {change.commitsTruncated && (
        <Typography variant="caption" color="textSecondary" component="p">
          Only the newest {plural(forward.length + reverted.length, 'commit')}{' '}
          are listed; older ones were left out.
        </Typography>
      )}
    </>
  );
}

/**
 * The component lines of a release diff, most interesting first, with a
 * one-line summary of the counts, and under each added or changed component
 * the commits it brings (or takes out).
 */
export function ReleaseDiffList(props: { changes: ComponentChange[] }) {
  const classes = useStyles();
  const sorted = [...props.changes].sort(
    (a, b) =>
      ORDER.indexOf(a.change) - ORDER.indexOf(b.change) ||
      a.componentRef.localeCompare(b.componentRef),
  );
  const summary = ORDER.map(
    kind => `${props.changes.filter(c => c.change === kind).length} ${kind}`,
  ).join(', ');

  return (
    <>
      <Typography variant="body2" color="textSecondary">
        {summary}
      </Typography>
      <List dense aria-label="Component changes">
        {sorted.map(change => (
          <ListItem key={change.componentRef} divider className={classes.item}>
            <div className={classes.line}>
              <div className={classes.chipColumn}>
                <ChangeChip change={change.change} />
              </div>
              <div className={classes.componentColumn}>
                <EntityRefLink
                  entityRef={change.componentRef}
                  defaultKind="component"
                />
              </div>
              <Versions change={change} />
            </div>
            <Commits change={change} />
          </ListItem>
        ))}
      </List>
    </>
  );
}
