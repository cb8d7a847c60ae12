import Typography from '@material-ui/core/Typography';
import { formatAbsolute, formatRelative } from '../../lib/format';

/**
 * A point in time as "3 days ago" with the exact UTC time beneath it.
 */
export function Timestamp(props: { value: string }) {
  const absolute = formatAbsolute(props.value);
  return (
    <time dateTime={props.value} title={absolute}>
      <Typography variant="body2" component="span" display="block">
        {formatRelative(props.value)}
      </Typography>
      <Typography
        variant="caption"
        color="textSecondary"
        component="span"
        display="block"
      >
        {absolute}
      </Typography>
    </time>
  );
}
