import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import { EnvironmentPolicy } from '@release-orchestration/plugin-release-orchestration-common';
import { entityNameOf } from '../../lib/entityRef';

/** Minimum waiting times offered by the age filter, in seconds. */
export const AGE_FILTERS: Array<{
  value: string;
  label: string;
  seconds: number;
}> = [
  { value: '', label: 'Any age', seconds: 0 },
  { value: '1h', label: 'Waiting over 1 hour', seconds: 3600 },
  { value: '1d', label: 'Waiting over 1 day', seconds: 86400 },
  { value: '7d', label: 'Waiting over 1 week', seconds: 7 * 86400 },
];

/** The filters of the approval queue, as kept in the page's URL. */
export interface QueueFilters {
  /** `all`: every pending promotion; empty: those waiting for the caller's vote. */
  show: '' | 'all';
  environment: string;
  system: string;
  age: string;
}

/** Environment, System and age pickers above the approval queue. */
export function ApprovalQueueFilters(props: {
  filters: QueueFilters;
  environments: EnvironmentPolicy[];
  systems: string[];
  onChange(filters: QueueFilters): void;
}) {
  const { filters, environments, systems, onChange } = props;
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 16 }}>
      <TextField
        id="queue-filter-show"
        select
        label="Show"
        value={filters.show}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        onChange={e =>
          onChange({ ...filters, show: e.target.value === 'all' ? 'all' : '' })
        }
        style={{ minWidth: 180 }}
      >
        <option value="">Waiting for my vote</option>
        <option value="all">All pending promotions</option>
      </TextField>
      <TextField
        id="queue-filter-environment"
        select
        label="Environment"
        value={filters.environment}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        onChange={e => onChange({ ...filters, environment: e.target.value })}
        style={{ minWidth: 180 }}
      >
        <option value="">All environments</option>
        {environments.map(env => (
          <option key={env.name} value={env.name}>
            {env.title}
          </option>
        ))}
      </TextField>
      <TextField
        id="queue-filter-system"
        select
        label="System"
        value={filters.system}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        onChange={e => onChange({ ...filters, system: e.target.value })}
        style={{ minWidth: 180 }}
      >
        <option value="">All Systems</option>
        {systems.map(ref => (
          <option key={ref} value={ref}>
            {entityNameOf(ref)}
          </option>
        ))}
      </TextField>
      <TextField
        id="queue-filter-age"
        select
        label="Age"
        value={filters.age}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        onChange={e => onChange({ ...filters, age: e.target.value })}
        style={{ minWidth: 180 }}
      >
        {AGE_FILTERS.map(age => (
          <option key={age.value} value={age.value}>
            {age.label}
          </option>
        ))}
      </TextField>
    </Box>
  );
}
