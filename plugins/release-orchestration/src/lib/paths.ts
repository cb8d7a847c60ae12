/**
 * The path of the Releases tab on a System entity page. Links from a
 * Component's builds to a release of its System use it, so an app that mounts
 * the tab elsewhere must keep this segment.
 */
export const RELEASES_TAB_PATH = 'releases';
