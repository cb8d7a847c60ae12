import { InfoCard, Progress } from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useDoraReport } from '../../hooks/useDoraReport';
import { useDoraWindow } from '../../hooks/useDoraWindow';
import { systemOfEntity } from '../../lib/systemOfEntity';
import { DoraMetricTiles } from '../DoraMetricTiles';
import { DoraWindowPicker } from '../DoraWindowPicker';
import { DoraWindowSummary } from './DoraWindowSummary';
import { DoraErrorPanel } from '../DoraErrorPanel';

/**
 * DORA metrics on a System's overview page, or on a Component's, where they
 * are its System's (DORA measures delivery per System, the unit of release).
 * @public
 */
export function EntityDoraCard() {
  const { entity } = useEntity();
  const isComponent = entity.kind.toLocaleLowerCase('en-US') === 'component';
  const systemRef = systemOfEntity(entity);
  const { days, range, setDays } = useDoraWindow();
  const report = useDoraReport(systemRef, range);

  const subheader =
    isComponent && systemRef ? (
      <>
        Metrics of its System,{' '}
        <EntityRefLink entityRef={systemRef} defaultKind="system" />
      </>
    ) : undefined;

  let content;
  if (!systemRef) {
    content = (
      <Typography color="textSecondary">
        DORA metrics are measured per System, and this component is not part of
        one. Set <code>spec.system</code> in its catalog entry to see its
        System's metrics here.
      </Typography>
    );
  } else if (report.loading) {
    content = <Progress />;
  } else if (report.error) {
    content = <DoraErrorPanel error={report.error} />;
  } else if (report.value) {
    content = (
      <>
        <DoraMetricTiles
          current={report.value.current}
          previous={report.value.previous}
          trends={report.value.trends}
          levels={report.value.levels}
          facts={{
            entity: report.value.entity.ref,
            from: report.value.current.window.from,
            to: report.value.current.window.to,
          }}
        />
        <Box mt={1.5}>
          <DoraWindowSummary report={report.value} />
        </Box>
      </>
    );
  }

  return (
    <InfoCard
      title="Delivery performance (DORA)"
      subheader={subheader}
      action={
        systemRef ? (
          <Box pt={1} pr={1}>
            <DoraWindowPicker value={days} onChange={setDays} />
          </Box>
        ) : undefined
      }
    >
      {content}
    </InfoCard>
  );
}
