export { CursorListView } from './CursorListView';
export type { CursorListViewProps } from './CursorListView';
