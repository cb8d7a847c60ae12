import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * Mount point of the Releases tab in a legacy app's entity page.
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'release-orchestration' });
