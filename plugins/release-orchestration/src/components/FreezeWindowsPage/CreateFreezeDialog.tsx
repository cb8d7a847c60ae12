import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import Autocomplete from '@material-ui/lab/Autocomplete';
import {
  EnvironmentPolicy,
  FreezeWindow,
} from '@release-orchestration/plugin-release-orchestration-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { releaseOrchestrationApiRef } from '../../api';
import { errorMessage } from '../../lib/errorMessage';
import { useNotify } from '../../hooks/useNotify';

/** `2026-03-05T10:00` in local time, the value format of a datetime-local input. */
function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(
    date.getDate(),
  )}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function toIso(local: string): string | undefined {
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * Declares a freeze window: the lane, the Systems it covers (none means every
 * System), start and end in the browser's time zone, and the reason.
 */
export function CreateFreezeDialog(props: {
  environments: EnvironmentPolicy[];
  onClose(): void;
  onCreated(freeze: FreezeWindow): void;
}) {
  const { environments, onClose, onCreated } = props;
  const api = useApi(releaseOrchestrationApiRef);
  const catalogApi = useApi(catalogApiRef);
  const notify = useNotify();
  const systemOptions = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'system' },
      fields: ['kind', 'metadata.namespace', 'metadata.name'],
    });
    return items.map(entity => stringifyEntityRef(entity)).sort();
  }, [catalogApi]);
  const [environment, setEnvironment] = useState(
    environments[environments.length - 1]?.name ?? '',
  );
  const [systems, setSystems] = useState<string[]>([]);
  const [start, setStart] = useState(() => toLocalInput(new Date()));
  const [end, setEnd] = useState(() =>
    toLocalInput(new Date(Date.now() + 24 * 3600 * 1000)),
  );
  const [reason, setReason] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const submit = async () => {
    const startIso = toIso(start);
    const endIso = toIso(end);
    if (!startIso || !endIso) {
      setError('Start and end must be dates with a time.');
      return;
    }
    setSubmitting(true);
    setError(undefined);
    try {
      const freeze = await api.createFreeze({
        environment,
        systems,
        start: startIso,
        end: endIso,
        reason: reason.trim(),
      });
      notify({
        message: `Freeze of ${freeze.environment} declared.`,
        severity: 'success',
        display: 'transient',
      });
      onCreated(freeze);
    } catch (e) {
      setError(errorMessage(e));
      setSubmitting(false);
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="freeze-title"
    >
      <DialogTitle id="freeze-title">Declare a freeze window</DialogTitle>
      <DialogContent>
        {error && (
          <Box mb={2}>
            <Alert severity="error">{error}</Alert>
          </Box>
        )}
        <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
          <TextField
            id="freeze-environment"
            select
            label="Environment"
            value={environment}
            SelectProps={{ native: true }}
            onChange={e => setEnvironment(e.target.value)}
          >
            {environments.map(env => (
              <option key={env.name} value={env.name}>
                {env.title}
              </option>
            ))}
          </TextField>
          <Autocomplete<string, true, false, true>
            multiple
            freeSolo
            options={systemOptions.value ?? []}
            value={systems}
            onChange={(_event, value) =>
              setSystems(value.map(v => v.trim()).filter(Boolean))
            }
            renderInput={params => (
              <TextField
                {...params}
                id="freeze-systems"
                label="Systems"
                helperText="Leave empty to freeze every System; type a ref like system:default/payments and press Enter."
              />
            )}
          />
          <Box display="flex" style={{ gap: 16 }}>
            <TextField
              id="freeze-start"
              label="Start"
              type="datetime-local"
              value={start}
              onChange={e => setStart(e.target.value)}
              InputLabelProps={{ shrink: true }}
              fullWidth
            />
            <TextField
              id="freeze-end"
              label="End"
              type="datetime-local"
              value={end}
              onChange={e => setEnd(e.target.value)}
              InputLabelProps={{ shrink: true }}
              fullWidth
            />
          </Box>
          <TextField
            id="freeze-reason"
            label="Reason"
            required
            multiline
            minRows={2}
            value={reason}
            onChange={e => setReason(e.target.value)}
            helperText="Shown to everyone whose promotion the freeze holds."
          />
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={submitting}>
          Cancel
        </Button>
        <Button
          variant="contained"
          color="primary"
          disabled={submitting || !environment || reason.trim() === ''}
          onClick={submit}
        >
          Declare freeze
        </Button>
      </DialogActions>
    </Dialog>
  );
}
