import { Content, EmptyState } from '@backstage/core-components';
import Grid, { GridSize } from '@material-ui/core/Grid';
import type { HomePageWidgetData } from '@backstage/plugin-home-react/alpha';

const COLUMNS = 12;

/** A widget's width on large screens: its default columns, at most the full row. */
function widthOf(widget: HomePageWidgetData): GridSize {
  const columns = widget.layout?.width?.defaultColumns ?? COLUMNS;
  return Math.max(1, Math.min(COLUMNS, Math.round(columns))) as GridSize;
}

/**
 * The demo portal's landing page: the home page widgets installed in the app
 * (Release Orchestration's "Waiting for my approval", "My Systems" and
 * "Delivery performance of my teams"), in the order they are installed.
 */
export function HomePage(props: { widgets: HomePageWidgetData[] }) {
  const { widgets } = props;
  return (
    <Content>
      {widgets.length === 0 ? (
        <EmptyState
          missing="content"
          title="No home page cards installed"
          description="Install a plugin with home page widgets, such as Release Orchestration."
        />
      ) : (
        <Grid container spacing={3}>
          {widgets.map(widget => (
            <Grid item xs={12} lg={widthOf(widget)} key={widget.node.spec.id}>
              {widget.component}
            </Grid>
          ))}
        </Grid>
      )}
    </Content>
  );
}
