/**
 * The path of the Releases tab on a System entity page. Links from a
 * Component's builds to a release of its System use it, so an app that mounts
 * the tab elsewhere must keep this segment.
 */
export const RELEASES_TAB_PATH = 'releases';

/**
 * The path of the Delivery performance tab on a Group entity page. The org
 * DORA page links each team to it, so an app that mounts the tab elsewhere
 * must keep this segment.
 */
export const DELIVERY_PERFORMANCE_TAB_PATH = 'delivery-performance';
