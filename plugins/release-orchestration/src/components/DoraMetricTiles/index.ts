export { DoraMetricTiles } from './DoraMetricTiles';
export type { DoraMetricTilesProps } from './DoraMetricTiles';
export { DoraMetricTile } from './DoraMetricTile';
export type { DoraMetricTileProps } from './DoraMetricTile';
