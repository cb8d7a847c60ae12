import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { FreezeWindow } from '@release-orchestration/plugin-release-orchestration-common';
import useAsync from 'react-use/esm/useAsync';
import { releaseOrchestrationApiRef } from '../../api';
import { entityNameOf } from '../../lib/entityRef';
import { errorMessage } from '../../lib/errorMessage';
import { formatAbsolute, formatRelative } from '../../lib/format';
import { describeRecurringNext, splitFreezes } from '../../lib/freezes';

function scope(freeze: FreezeWindow): string {
  return freeze.systems.length === 0
    ? 'every System'
    : freeze.systems.map(entityNameOf).join(', ');
}

/**
 * Properties of {@link FreezeBanner}.
 */
export interface FreezeBannerProps {
  /** Only windows covering this System (full ref); every window without it. */
  systemRef?: string;
}

/**
 * Freeze windows in force (a warning each) and scheduled ones (a note each),
 * for one System or for every System. Renders nothing when there are none.
 */
export function FreezeBanner(props: FreezeBannerProps) {
  const { systemRef } = props;
  const api = useApi(releaseOrchestrationApiRef);
  const { value, error } = useAsync(() => api.listFreezes(), [api]);

  if (error) {
    return (
      <Box mb={2}>
        <Alert severity="error">
          Could not load freeze windows: {errorMessage(error)}
        </Alert>
      </Box>
    );
  }
  if (!value) {
    return null;
  }
  const { active, upcoming } = splitFreezes(value.items, { systemRef });
  if (active.length === 0 && upcoming.length === 0) {
    return null;
  }
  return (
    <Box
      mb={2}
      display="flex"
      flexDirection="column"
      style={{ gap: 8 }}
      role="region"
      aria-label="Freeze windows"
    >
      {active.map(freeze => (
        <Alert key={freeze.id} severity="warning" variant="filled">
          <AlertTitle>
            {freeze.environment} is frozen until {formatAbsolute(freeze.end)} (
            {formatRelative(freeze.end)})
          </AlertTitle>
          {freeze.reason}
          {freeze.recurring ? `; ${describeRecurringNext(freeze)}` : ''}.
          Applies to {scope(freeze)}. Promotions into {freeze.environment} are
          held as blocked until the window ends, unless someone allowed to
          override it gives an emergency justification.
        </Alert>
      ))}
      {upcoming.map(freeze => (
        <Alert key={freeze.id} severity="info">
          Freeze of {freeze.environment} for {scope(freeze)} scheduled from{' '}
          {formatAbsolute(freeze.start)} to {formatAbsolute(freeze.end)}:{' '}
          {freeze.reason}
        </Alert>
      ))}
    </Box>
  );
}
