import { Content, Header, Page } from '@backstage/core-components';
import { DoraOrgContent } from './DoraOrgContent';

/**
 * The org-wide DORA page for legacy apps, with its own header.
 * @public
 */
export function DoraOrgPage() {
  return (
    <Page themeId="tool">
      <Header
        title="DORA metrics"
        subtitle="Software delivery performance of every team, with levels and trends"
      />
      <Content>
        <DoraOrgContent />
      </Content>
    </Page>
  );
}
