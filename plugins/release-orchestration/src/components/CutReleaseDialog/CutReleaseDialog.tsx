import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  Release,
  RiskClass,
} from '@release-orchestration/plugin-release-orchestration-common';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { releaseOrchestrationApiRef } from '../../api';
import { errorMessage } from '../../lib/errorMessage';
import { suggestReleaseVersion } from '../../lib/suggestReleaseVersion';
import {
  ComponentChoice,
  ComponentVersionPicker,
} from './ComponentVersionPicker';
import { useNotify } from '../../hooks/useNotify';
import { DialogSubmitActions } from '../DialogSubmitActions';

/**
 * Properties of {@link CutReleaseDialog}.
 */
export interface CutReleaseDialogProps {
  systemRef: string;
  existingVersions: string[];
  onClose(): void;
  onCreated(release: Release): void;
}

/**
 * Composes a release manifest: every component of the System with its newest
 * build preselected, each changeable or excludable, plus name, notes and risk.
 */
export function CutReleaseDialog(props: CutReleaseDialogProps) {
  const { systemRef, existingVersions, onClose, onCreated } = props;
  const api = useApi(releaseOrchestrationApiRef);
  const notify = useNotify();
  const components = useAsync(
    () => api.getSystemComponents(systemRef),
    [api, systemRef],
  );
  // What runs in the last lane (production), to show next to each chosen version.
  const lanes = useAsync(
    () => api.getSystemEnvironments(systemRef),
    [api, systemRef],
  );
  const productionLane =
    lanes.value?.environments[lanes.value.environments.length - 1];
  const inProduction = new Map(
    (productionLane?.running ?? []).map(r => [r.componentRef, r.version]),
  );
  const [choices, setChoices] = useState<Record<string, ComponentChoice>>({});
  const [version, setVersion] = useState(() =>
    suggestReleaseVersion(existingVersions),
  );
  const [notes, setNotes] = useState('');
  const [riskClass, setRiskClass] = useState<RiskClass>('medium');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    const initial: Record<string, ComponentChoice> = {};
    for (const item of components.value?.items ?? []) {
      initial[item.componentRef] = {
        included: Boolean(item.latestBuild),
        version: item.latestBuild?.version,
      };
    }
    setChoices(initial);
  }, [components.value]);

  const selected = Object.entries(choices).filter(
    ([, choice]) => choice.included && choice.version,
  );

  const submit = async () => {
    setSubmitting(true);
    setError(undefined);
    try {
      const release = await api.createRelease({
        system: systemRef,
        version: version.trim(),
        notes: notes.trim() || undefined,
        riskClass,
        components: selected.map(([component, choice]) => ({
          component,
          version: choice.version!,
        })),
      });
      notify({
        message: `Release ${release.version} cut with ${release.components.length} components.`,
        severity: 'success',
        display: 'transient',
      });
      onCreated(release);
    } catch (e) {
      setError(errorMessage(e));
      setSubmitting(false);
    }
  };

  const items = components.value?.items ?? [];
  return (
    <Dialog
      open
      onClose={onClose}
      fullWidth
      maxWidth="md"
      aria-labelledby="cut-release-title"
    >
      <DialogTitle id="cut-release-title">Cut a release</DialogTitle>
      <DialogContent>
        {error && (
          <Box mb={2}>
            <Alert severity="error">{error}</Alert>
          </Box>
        )}
        <Box display="flex" style={{ gap: 16 }} mb={2}>
          <TextField
            id="cut-release-version"
            label="Version name"
            required
            value={version}
            onChange={e => setVersion(e.target.value)}
            helperText="Unique within this System, e.g. a calendar version"
          />
          <TextField
            id="cut-release-risk"
            select
            label="Risk class"
            value={riskClass}
            SelectProps={{ native: true }}
            onChange={e => setRiskClass(e.target.value as RiskClass)}
            helperText="Approval policies can differ by risk"
          >
            <option value="low">low</option>
            <option value="medium">medium</option>
            <option value="high">high</option>
          </TextField>
        </Box>
        <TextField
          id="cut-release-notes"
          label="Notes"
          multiline
          minRows={2}
          fullWidth
          value={notes}
          onChange={e => setNotes(e.target.value)}
        />
        <Box mt={3} mb={1}>
          <Typography variant="h6">Components</Typography>
          <Typography variant="body2" color="textSecondary">
            The newest build of each component is preselected. Pick another
            version, or untick a component to leave it out of this release.
            {productionLane &&
              ` Next to each: the version running in ${productionLane.title} now.`}
          </Typography>
        </Box>
        {components.loading && <Progress />}
        {components.error && <ResponseErrorPanel error={components.error} />}
        {components.value && items.length === 0 && (
          <Typography>
            No components belong to this System. Set spec.system on its
            Components in the catalog first.
          </Typography>
        )}
        {items.map(item => (
          <ComponentVersionPicker
            key={item.componentRef}
            component={item}
            production={
              productionLane && {
                title: productionLane.title,
                version: inProduction.get(item.componentRef),
              }
            }
            choice={choices[item.componentRef] ?? { included: false }}
            onChange={choice =>
              setChoices(previous => ({
                ...previous,
                [item.componentRef]: choice,
              }))
            }
          />
        ))}
      </DialogContent>
      <DialogSubmitActions
        onCancel={onClose}
        onSubmit={submit}
        submitDisabled={submitting || selected.length === 0 || !version.trim()}
        submitLabel={
          submitting
            ? 'Creating…'
            : `Create release (${selected.length} components)`
        }
      />
    </Dialog>
  );
}
