import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import {
  ComponentChange,
  ComponentChangeKind,
} from '@release-orchestration/plugin-release-orchestration-common';
import { ChangeChip } from '../ChangeChip';

const ORDER: ComponentChangeKind[] = ['changed', 'added', 'removed', 'unchanged'];

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

/**
 * The component lines of a release diff, most interesting first, with a
 * one-line summary of the counts.
 * @public
 */
export function ReleaseDiffList(props: { changes: ComponentChange[] }) {
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
          <ListItem key={change.componentRef} divider>
            <Box width={120} flexShrink={0}>
              <ChangeChip change={change.change} />
            </Box>
            <Box flex="0 0 35%" minWidth={160}>
              <EntityRefLink
                entityRef={change.componentRef}
                defaultKind="component"
              />
            </Box>
            <Versions change={change} />
          </ListItem>
        ))}
      </List>
    </>
  );
}
