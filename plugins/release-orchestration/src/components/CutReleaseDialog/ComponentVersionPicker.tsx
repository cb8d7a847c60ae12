import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import {
  releaseOrchestrationApiRef,
  SystemReleasableComponent,
} from '../../api';
import { entityNameOf } from '../../lib/entityRef';
import { formatRelative, shortSha } from '../../lib/format';

/** What the user chose for one component of the release. */
export interface ComponentChoice {
  included: boolean;
  version?: string;
}

/** The number of builds offered per component; older ones are rarely wanted. */
const BUILD_CHOICES = 50;

/** The version running in production next to the one chosen, in words. */
function productionText(
  production: { title: string; version?: string },
  choice: ComponentChoice,
): string {
  if (!production.version) {
    return `Not in ${production.title} yet`;
  }
  if (choice.included && choice.version === production.version) {
    return `${production.title} runs ${production.version} (unchanged)`;
  }
  return `${production.title} runs ${production.version}`;
}

/**
 * One line of the "Cut release" dialog: include or exclude a component and
 * pick which of its builds ships, newest first.
 */
export function ComponentVersionPicker(props: {
  component: SystemReleasableComponent;
  choice: ComponentChoice;
  onChange(choice: ComponentChoice): void;
  /** The production lane's title and the version of this component running there (none: not deployed). */
  production?: { title: string; version?: string };
}) {
  const { component, choice, onChange, production } = props;
  const api = useApi(releaseOrchestrationApiRef);
  const latest = component.latestBuild;
  const builds = useAsync(async () => {
    if (!latest) {
      return [];
    }
    const page = await api.listBuilds({
      component: component.componentRef,
      limit: BUILD_CHOICES,
    });
    return page.items;
  }, [api, component.componentRef, latest]);

  const name = component.title ?? entityNameOf(component.componentRef);
  const versions = (builds.value ?? []).map(b => b.version);
  if (latest && !versions.includes(latest.version)) {
    versions.unshift(latest.version);
  }
  if (choice.version && !versions.includes(choice.version)) {
    versions.push(choice.version);
  }
  const chosen =
    builds.value?.find(b => b.version === choice.version) ??
    (latest?.version === choice.version ? latest : undefined);

  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" py={0.5}>
      <Box flex="0 0 40%" minWidth={200}>
        <FormControlLabel
          label={name}
          control={
            <Checkbox
              color="primary"
              checked={choice.included}
              disabled={!latest}
              inputProps={{ 'aria-label': `Include ${name}` }}
              onChange={e =>
                onChange({ ...choice, included: e.target.checked })
              }
            />
          }
        />
      </Box>
      {latest ? (
        <>
          <TextField
            select
            size="small"
            variant="outlined"
            label="Version"
            value={choice.version ?? ''}
            disabled={!choice.included}
            SelectProps={{ native: true }}
            inputProps={{ 'aria-label': `Version of ${name}` }}
            onChange={e => onChange({ ...choice, version: e.target.value })}
          >
            {versions.map(version => (
              <option key={version} value={version}>
                {version === latest.version ? `${version} (newest)` : version}
              </option>
            ))}
          </TextField>
          <Box ml={2}>
            {chosen && (
              <Typography variant="caption" color="textSecondary" component="p">
                commit {shortSha(chosen.commitSha)}, built{' '}
                {formatRelative(chosen.createdAt)}
              </Typography>
            )}
            {production && (
              <Typography
                variant="caption"
                component="p"
                aria-label={`${name} in ${production.title}`}
              >
                {productionText(production, choice)}
              </Typography>
            )}
          </Box>
        </>
      ) : (
        <Typography variant="body2" color="textSecondary">
          No builds reported yet, so it cannot be part of a release.
        </Typography>
      )}
    </Box>
  );
}
