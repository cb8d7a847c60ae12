import { Content } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import {
  MySystemsCard,
  MyTeamsDeliveryCard,
  PendingApprovalsCard,
} from '@release-orchestration/plugin-release-orchestration';

/** The demo portal's landing page, built from the plugin's home cards. */
export function HomePage() {
  return (
    <Content>
      <Grid container spacing={3}>
        <Grid item xs={12} lg={6}>
          <PendingApprovalsCard />
        </Grid>
        <Grid item xs={12} lg={6}>
          <MySystemsCard />
        </Grid>
        <Grid item xs={12}>
          <MyTeamsDeliveryCard />
        </Grid>
      </Grid>
    </Content>
  );
}
