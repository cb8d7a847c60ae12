import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { DORA_WINDOW_DAYS, DoraWindowDays } from '../../hooks/useDoraWindow';

/**
 * Properties of {@link DoraWindowPicker}.
 */
export interface DoraWindowPickerProps {
  value: number;
  onChange(days: DoraWindowDays): void;
}

/**
 * Picks the DORA window: the last 30, 90 or 180 days.
 */
export function DoraWindowPicker(props: DoraWindowPickerProps) {
  const { value, onChange } = props;
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={value}
      aria-label="Time window"
      onChange={(_event, next: DoraWindowDays | null) => {
        // A click on the selected button would unselect it; keep a window picked.
        if (next !== null) {
          onChange(next);
        }
      }}
    >
      {DORA_WINDOW_DAYS.map(days => (
        <ToggleButton key={days} value={days} aria-label={`${days} days`}>
          {days} days
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
