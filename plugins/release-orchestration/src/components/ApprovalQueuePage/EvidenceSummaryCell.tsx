import Typography from '@material-ui/core/Typography';
import { EvidenceSummary } from '@release-orchestration/plugin-release-orchestration-common';

/** "2 pass · 1 warn" and the required evidence still missing, in red. */
export function EvidenceSummaryCell(props: { evidence: EvidenceSummary }) {
  const { counts, missingRequired } = props.evidence;
  const parts = (['pass', 'warn', 'fail'] as const)
    .filter(status => counts[status] > 0)
    .map(status => `${counts[status]} ${status}`);
  return (
    <div>
      <Typography variant="body2">
        {parts.length > 0 ? parts.join(' · ') : 'no evidence'}
      </Typography>
      {missingRequired.length > 0 ? (
        <Typography variant="caption" color="error">
          missing or not passed: {missingRequired.join(', ')}
        </Typography>
      ) : (
        <Typography variant="caption" color="textSecondary">
          required evidence passed
        </Typography>
      )}
    </div>
  );
}
