import {
  createExtensionInput,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { homePageWidgetDataRef } from '@backstage/plugin-home-react/alpha';
import HomeIcon from '@material-ui/icons/Home';

/**
 * The home page at `/` (`page:home`), where the demo lands after sign-in. It
 * stands in for `@backstage/plugin-home`'s page: home page widgets
 * (`HomePageWidgetBlueprint`, such as Release Orchestration's three cards)
 * attach to its `widgets` input and are laid out by their layout hints.
 */
export const homePage = PageBlueprint.makeWithOverrides({
  inputs: {
    widgets: createExtensionInput([homePageWidgetDataRef]),
  },
  factory(originalFactory, { inputs }) {
    const widgets = inputs.widgets.map(widget =>
      widget.get(homePageWidgetDataRef),
    );
    return originalFactory({
      path: '/',
      title: 'Home',
      icon: <HomeIcon fontSize="inherit" />,
      loader: () =>
        import('./HomePage').then(m => <m.HomePage widgets={widgets} />),
    });
  },
});

/** The demo's home page, as the plugin `home` so that widgets find `page:home`. */
export const homePlugin = createFrontendPlugin({
  pluginId: 'home',
  title: 'Home',
  extensions: [homePage],
});
