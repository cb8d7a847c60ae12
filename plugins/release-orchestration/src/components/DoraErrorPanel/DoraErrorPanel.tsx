import { WarningPanel } from '@backstage/core-components';
import { errorMessage } from '../../lib/errorMessage';

/**
 * Properties of {@link DoraErrorPanel}.
 */
export interface DoraErrorPanelProps {
  error: Error;
  /** What could not be loaded, e.g. "the DORA metrics". */
  what?: string;
}

/**
 * A failed DORA request, with the server's own message open to read.
 */
export function DoraErrorPanel(props: DoraErrorPanelProps) {
  const { error, what = 'the DORA metrics' } = props;
  return (
    <WarningPanel
      severity="error"
      title={`Could not load ${what}`}
      message={errorMessage(error)}
      defaultExpanded
    />
  );
}
