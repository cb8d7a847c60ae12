import {
  createFrontendModule,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import HomeIcon from '@material-ui/icons/Home';

/** The home page at `/`, where the demo lands after sign-in. */
export const homePage = PageBlueprint.make({
  name: 'home',
  params: {
    path: '/',
    title: 'Home',
    icon: <HomeIcon fontSize="inherit" />,
    loader: () => import('./HomePage').then(m => <m.HomePage />),
  },
});

/** Adds the home page to the demo app. */
export const homeModule = createFrontendModule({
  pluginId: 'app',
  extensions: [homePage],
});
