import { InfoCard } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { Release } from '@release-orchestration/plugin-release-orchestration-common';
import { ReactNode } from 'react';
import { ActorName } from '../ActorName';
import { EvidencePackButton } from '../EvidencePackButton';
import { QuarantineChip } from '../QuarantineChip';
import { RiskClassChip } from '../RiskClassChip';
import { Timestamp } from '../Timestamp';

function Field(props: { label: string; children: ReactNode }) {
  return (
    <Grid item xs={12} sm={6} md={3}>
      <Typography variant="overline" color="textSecondary" component="div">
        {props.label}
      </Typography>
      <Typography variant="body1" component="div">
        {props.children}
      </Typography>
    </Grid>
  );
}

/**
 * What a release is: version, who cut it and when, risk class, manifest digest and notes.
 */
export function ReleaseHeaderCard(props: { release: Release }) {
  const { release } = props;
  return (
    <InfoCard
      title={
        <>
          Release {release.version}
          {release.quarantine && (
            <QuarantineChip reason={release.quarantine.reason} />
          )}
        </>
      }
    >
      <Grid container spacing={2}>
        <Field label="Cut by">
          <ActorName actor={release.createdBy} />
        </Field>
        <Field label="Cut">
          <Timestamp value={release.createdAt} />
        </Field>
        <Field label="Risk">
          <RiskClassChip risk={release.riskClass} />
        </Field>
        <Field label="Components">{release.components.length}</Field>
        <Grid item xs={12}>
          <Typography variant="overline" color="textSecondary" component="div">
            Manifest digest
          </Typography>
          <Typography
            variant="body2"
            component="code"
            style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}
            title="sha256 over each component with its artifact digest; check it with release-orchestration verify-manifest"
          >
            {release.manifestDigest}
          </Typography>
          <div style={{ marginTop: 8 }}>
            <EvidencePackButton release={release} />
          </div>
        </Grid>
        <Grid item xs={12}>
          <Typography variant="overline" color="textSecondary" component="div">
            Notes
          </Typography>
          <Typography
            variant="body1"
            color={release.notes ? 'textPrimary' : 'textSecondary'}
            style={{ whiteSpace: 'pre-wrap' }}
          >
            {release.notes || 'No notes.'}
          </Typography>
        </Grid>
      </Grid>
    </InfoCard>
  );
}
