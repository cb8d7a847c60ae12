export { KnownGoodMarker, KNOWN_GOOD_EXPLANATION } from './KnownGoodMarker';
