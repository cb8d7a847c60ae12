import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  CreateRecurringFreezeRequest,
  FreezeWeekday,
  freezeWeekdays,
  RecurringFreezePreview,
} from '@release-orchestration/plugin-release-orchestration-common';
import { useRef, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { releaseOrchestrationApiRef } from '../../api';
import { errorMessage } from '../../lib/errorMessage';
import { formatDateTime } from '../../lib/plainWords';

const DAY_NAMES: Record<FreezeWeekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** What the recurring part of the Declare freeze dialog holds. */
export interface RecurringDraft {
  name: string;
  every: FreezeWeekday[];
  from: string;
  /** The day it closes (`''`: the day it opens, or the next when `until` is not after `from`). */
  untilDay: FreezeWeekday | '';
  until: string;
  timeZone: string;
  /** Exception dates, separated by commas or spaces. */
  exceptions: string;
}

/** The IANA zone of the browser (`Europe/Berlin`), the default of a new window. */
export function browserIanaZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Every IANA time zone the browser knows, the window's own included. */
function timeZones(current: string): string[] {
  const supported: string[] =
    (Intl as any).supportedValuesOf?.('timeZone') ?? [];
  return [...new Set([current, 'UTC', ...supported])].sort();
}

export function emptyRecurringDraft(): RecurringDraft {
  return {
    name: '',
    every: ['fri'],
    from: '16:00',
    untilDay: 'mon',
    until: '08:00',
    timeZone: browserIanaZone(),
    exceptions: '',
  };
}

/** The `POST /recurring-freezes` body of a draft, in the lane, for the Systems, with the reason. */
export function recurringRequestOf(
  draft: RecurringDraft,
  scope: { environment: string; systems: string[]; reason: string },
): CreateRecurringFreezeRequest {
  const exceptions = draft.exceptions
    .split(/[\s,]+/)
    .map(d => d.trim())
    .filter(Boolean);
  return {
    name: draft.name.trim(),
    environments: [scope.environment],
    ...(scope.systems.length > 0 ? { systems: scope.systems } : {}),
    every: freezeWeekdays.filter(d => draft.every.includes(d)),
    from: draft.from,
    until: draft.untilDay ? `${draft.untilDay} ${draft.until}` : draft.until,
    timeZone: draft.timeZone,
    ...(exceptions.length > 0 ? { exceptions } : {}),
    reason: scope.reason.trim() || '(preview)',
  };
}

/**
 * The recurring part of the Declare freeze dialog: name, days, opening and closing times, the
 * time zone they are in, exception dates, and a preview of the next openings from the backend
 * (which also says what is wrong with the rule).
 */
export function RecurringFreezeFields(props: {
  draft: RecurringDraft;
  /**
   * Called with an update of the draft (a React state setter fits). An update, not a new
   * draft, so that two changes before a render (a pick and a keystroke) both stay.
   */
  onChange(update: (draft: RecurringDraft) => RecurringDraft): void;
  environment: string;
  systems: string[];
  reason: string;
}) {
  const { draft, onChange, environment, systems, reason } = props;
  const api = useApi(releaseOrchestrationApiRef);
  // The answer for one rule (`key`): shown only while the fields still say that rule, so a
  // zone picked after the last answer never labels openings worked out in the zone before.
  const [preview, setPreview] = useState<
    { key: string; value?: RecurringFreezePreview; error?: string } | undefined
  >();
  const set = (patch: Partial<RecurringDraft>) =>
    onChange(current => ({ ...current, ...patch }));
  const request = recurringRequestOf(draft, {
    environment,
    systems,
    reason,
  });
  const key = JSON.stringify({ ...request, reason: '', name: 'preview' });
  const latest = useRef(key);
  latest.current = key;
  useDebounce(
    () => {
      if (!environment) return;
      const asked = key;
      api
        .previewRecurringFreeze({ ...request, name: 'preview', reason: '-' })
        .then(
          value =>
            latest.current === asked && setPreview({ key: asked, value }),
          e =>
            latest.current === asked &&
            setPreview({ key: asked, error: errorMessage(e) }),
        );
    },
    300,
    [key],
  );

  return (
    <>
      <TextField
        id="freeze-recurring-name"
        label="Name"
        required
        value={draft.name}
        onChange={e => set({ name: e.target.value })}
        helperText="Lower-case letters, digits and dashes, e.g. weekend. Shown as Recurring: <name>."
      />
      <FormControl component="fieldset">
        <FormLabel component="legend">Opens every</FormLabel>
        <FormGroup row>
          {freezeWeekdays.map(day => (
            <FormControlLabel
              key={day}
              control={
                <Checkbox
                  checked={draft.every.includes(day)}
                  onChange={e => {
                    const checked = e.target.checked;
                    onChange(current => ({
                      ...current,
                      every: checked
                        ? [...current.every.filter(d => d !== day), day]
                        : current.every.filter(d => d !== day),
                    }));
                  }}
                />
              }
              label={DAY_NAMES[day]}
            />
          ))}
        </FormGroup>
        {draft.every.length === 0 && (
          <FormHelperText error>Pick at least one day.</FormHelperText>
        )}
      </FormControl>
      <TextField
        id="freeze-recurring-zone"
        select
        label="Time zone of the times"
        value={draft.timeZone}
        SelectProps={{ native: true }}
        onChange={e => set({ timeZone: e.target.value })}
        helperText="Daylight-saving changes follow this zone."
      >
        {timeZones(draft.timeZone).map(zone => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
      </TextField>
      <Box display="flex" style={{ gap: 16 }}>
        <TextField
          id="freeze-recurring-from"
          label={`Opens at (${draft.timeZone})`}
          type="time"
          value={draft.from}
          onChange={e => set({ from: e.target.value })}
          InputLabelProps={{ shrink: true }}
          fullWidth
        />
        <TextField
          id="freeze-recurring-until-day"
          select
          label="Closes on"
          value={draft.untilDay}
          SelectProps={{ native: true }}
          onChange={e =>
            set({ untilDay: e.target.value as RecurringDraft['untilDay'] })
          }
          fullWidth
        >
          <option value="">the day it opens (or the next)</option>
          {freezeWeekdays.map(day => (
            <option key={day} value={day}>
              {DAY_NAMES[day]}
            </option>
          ))}
        </TextField>
        <TextField
          id="freeze-recurring-until"
          label={`Closes at (${draft.timeZone})`}
          type="time"
          value={draft.until}
          onChange={e => set({ until: e.target.value })}
          InputLabelProps={{ shrink: true }}
          fullWidth
        />
      </Box>
      <TextField
        id="freeze-recurring-exceptions"
        label="Except on (dates, optional)"
        value={draft.exceptions}
        placeholder="2026-12-25, 2027-01-01"
        onChange={e => set({ exceptions: e.target.value })}
        helperText={`Dates (YYYY-MM-DD, in ${draft.timeZone}) on which it does not open.`}
      />
      <Box aria-live="polite" id="freeze-recurring-preview">
        {preview && preview.key !== key && (
          <Typography variant="body2" color="textSecondary">
            Working out the next openings…
          </Typography>
        )}
        {preview?.key === key && preview.error && (
          <Typography variant="body2" color="error">
            {preview.error}
          </Typography>
        )}
        {preview?.key === key && preview.value && (
          <>
            <Typography variant="subtitle2" component="h3">
              Next openings ({draft.timeZone})
            </Typography>
            <Typography variant="body2" color="textSecondary">
              {preview.value.schedule}
            </Typography>
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {preview.value.openings.slice(0, 3).map(o => (
                <li key={o.start}>
                  <Typography variant="body2">
                    {formatDateTime(o.start, draft.timeZone)} to{' '}
                    {formatDateTime(o.end, draft.timeZone)}
                  </Typography>
                </li>
              ))}
            </ul>
          </>
        )}
      </Box>
    </>
  );
}
