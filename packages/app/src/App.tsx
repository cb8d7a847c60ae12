import { createApp } from '@backstage/frontend-defaults';
import { homePlugin } from './modules/home';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

/**
 * The demo portal. Plugins are discovered from this package's dependencies
 * (`app.packages: all` in app-config.yaml), the Release Orchestration plugin
 * among them through its `./alpha` export.
 */
export default createApp({
  features: [homePlugin, navModule, signInModule],
});
