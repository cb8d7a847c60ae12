import { useApi } from '@backstage/core-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
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
import useDebounce from 'react-use/esm/useDebounce';
import { releaseOrchestrationApiRef } from '../../api';
import { errorMessage } from '../../lib/errorMessage';
import { useFirstFocus } from '../../hooks/useFirstFocus';
import { useNotify } from '../../hooks/useNotify';
import {
  emptyRecurringDraft,
  RecurringFreezeFields,
  recurringRequestOf,
} from './RecurringFreezeFields';

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

/** A System offered by the picker. */
interface SystemOption {
  ref: string;
  label: string;
  namespace: string;
}

function optionOf(entity: Entity): SystemOption {
  return {
    ref: stringifyEntityRef(entity),
    label: entity.metadata.title ?? entity.metadata.name,
    namespace: entity.metadata.namespace ?? 'default',
  };
}

/** "Europe/Berlin (CET)": the browser's time zone, in which start and end are read. */
export function browserTimeZone(at: Date = new Date()): string {
  const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  const short = new Intl.DateTimeFormat('en-GB', { timeZoneName: 'short' })
    .formatToParts(at)
    .find(part => part.type === 'timeZoneName')?.value;
  return short && short !== zone ? `${zone} (${short})` : zone;
}

/**
 * Declares a freeze window: the lane, the Systems it covers (every System is
 * an explicit choice; otherwise Systems picked from the catalog, searched as
 * you type), start and end in the browser's time zone (named), and the reason.
 * Or, with "Declare recurring window", a window that repeats: its days, times
 * and time zone, exception dates and a preview of the next openings.
 */
export function CreateFreezeDialog(props: {
  environments: EnvironmentPolicy[];
  onClose(): void;
  /** The one-off window declared; nothing for a recurring one. */
  onCreated(freeze?: FreezeWindow): void;
}) {
  const { environments, onClose, onCreated } = props;
  const api = useApi(releaseOrchestrationApiRef);
  const catalogApi = useApi(catalogApiRef);
  const notify = useNotify();
  const [scope, setScope] = useState<'all' | 'some'>('all');
  const [search, setSearch] = useState('');
  const [term, setTerm] = useState('');
  useDebounce(() => setTerm(search.trim()), 250, [search]);
  const systemOptions = useAsync(async () => {
    if (scope !== 'some') {
      return [];
    }
    const { items } = await catalogApi.queryEntities({
      filter: { kind: 'system' },
      fields: ['kind', 'metadata.namespace', 'metadata.name', 'metadata.title'],
      ...(term
        ? {
            fullTextFilter: {
              term,
              fields: ['metadata.name', 'metadata.title'],
            },
          }
        : {}),
      orderFields: { field: 'metadata.name', order: 'asc' },
      limit: 20,
    });
    return items.map(optionOf);
  }, [catalogApi, scope, term]);
  const zone = browserTimeZone();
  const environmentRef = useFirstFocus<HTMLSelectElement>();
  const [environment, setEnvironment] = useState(
    environments[environments.length - 1]?.name ?? '',
  );
  const [systems, setSystems] = useState<SystemOption[]>([]);
  const missingSystems = scope === 'some' && systems.length === 0;
  const [start, setStart] = useState(() => toLocalInput(new Date()));
  const [end, setEnd] = useState(() =>
    toLocalInput(new Date(Date.now() + 24 * 3600 * 1000)),
  );
  const [reason, setReason] = useState('');
  const [kind, setKind] = useState<'once' | 'recurring'>('once');
  const [draft, setDraft] = useState(emptyRecurringDraft);
  const recurringIncomplete =
    kind === 'recurring' &&
    (draft.name.trim() === '' || draft.every.length === 0);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const laneName = (name: string) =>
    environments.find(e => e.name === name)?.title ?? name;

  const submitRecurring = async () => {
    setSubmitting(true);
    setError(undefined);
    try {
      const rule = await api.createRecurringFreeze(
        recurringRequestOf(draft, {
          environment,
          systems: scope === 'all' ? [] : systems.map(s => s.ref),
          reason,
        }),
      );
      notify({
        message: `Recurring freeze ${rule.name} of ${laneName(
          environment,
        )} declared: ${rule.schedule}.`,
        severity: 'success',
        display: 'transient',
      });
      onCreated();
    } catch (e) {
      setError(errorMessage(e));
      setSubmitting(false);
    }
  };

  const submit = async () => {
    if (kind === 'recurring') {
      await submitRecurring();
      return;
    }
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
        systems: scope === 'all' ? [] : systems.map(s => s.ref),
        start: startIso,
        end: endIso,
        reason: reason.trim(),
      });
      notify({
        message: `Freeze of ${
          environments.find(e => e.name === freeze.environment)?.title ??
          freeze.environment
        } declared.`,
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
            inputRef={environmentRef}
            SelectProps={{ native: true }}
            onChange={e => setEnvironment(e.target.value)}
          >
            {environments.map(env => (
              <option key={env.name} value={env.name}>
                {env.title}
              </option>
            ))}
          </TextField>
          <FormControl component="fieldset">
            <FormLabel component="legend">Repeats</FormLabel>
            <RadioGroup
              row
              name="freeze-kind"
              value={kind}
              onChange={e =>
                setKind(e.target.value === 'recurring' ? 'recurring' : 'once')
              }
            >
              <FormControlLabel
                value="once"
                control={<Radio />}
                label="Once (start and end)"
              />
              <FormControlLabel
                value="recurring"
                control={<Radio />}
                label="Declare recurring window"
              />
            </RadioGroup>
          </FormControl>
          <FormControl component="fieldset">
            <FormLabel component="legend">Systems</FormLabel>
            <RadioGroup
              row
              name="freeze-scope"
              value={scope}
              onChange={e =>
                setScope(e.target.value === 'some' ? 'some' : 'all')
              }
            >
              <FormControlLabel
                value="all"
                control={<Radio />}
                label="All Systems"
              />
              <FormControlLabel
                value="some"
                control={<Radio />}
                label="Only these Systems"
              />
            </RadioGroup>
          </FormControl>
          {scope === 'some' && (
            <Autocomplete<SystemOption, true, false, false>
              multiple
              options={systemOptions.value ?? []}
              loading={systemOptions.loading}
              value={systems}
              filterOptions={options => options}
              getOptionLabel={option => option.label}
              getOptionSelected={(option, value) => option.ref === value.ref}
              renderOption={option => (
                <span>
                  {option.label}
                  {option.namespace !== 'default' && ` (${option.namespace})`}
                </span>
              )}
              noOptionsText={
                term
                  ? `No System in the catalog matches “${term}”`
                  : 'No Systems'
              }
              inputValue={search}
              onInputChange={(_event, value, why) => {
                if (why !== 'reset') setSearch(value);
              }}
              onChange={(_event, value) => {
                setSystems(value);
                setSearch('');
              }}
              renderInput={params => (
                <TextField
                  {...params}
                  id="freeze-systems"
                  label="Search the catalog for Systems"
                  required
                  error={missingSystems && search !== ''}
                  helperText={
                    missingSystems
                      ? 'Pick at least one System from the catalog.'
                      : `${systems.length} ${
                          systems.length === 1 ? 'System' : 'Systems'
                        } picked.`
                  }
                />
              )}
            />
          )}
          {kind === 'recurring' && (
            <RecurringFreezeFields
              draft={draft}
              onChange={setDraft}
              environment={environment}
              systems={scope === 'all' ? [] : systems.map(s => s.ref)}
              reason={reason}
            />
          )}
          <Box
            display={kind === 'recurring' ? 'none' : 'flex'}
            style={{ gap: 16 }}
          >
            <TextField
              id="freeze-start"
              label={`Start (${zone})`}
              type="datetime-local"
              value={start}
              onChange={e => setStart(e.target.value)}
              InputLabelProps={{ shrink: true }}
              fullWidth
            />
            <TextField
              id="freeze-end"
              label={`End (${zone})`}
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
          disabled={
            submitting ||
            !environment ||
            reason.trim() === '' ||
            missingSystems ||
            recurringIncomplete
          }
          onClick={submit}
        >
          {kind === 'recurring' ? 'Declare recurring window' : 'Declare freeze'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
