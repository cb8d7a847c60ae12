import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';

/**
 * The "Load more" button under a cursor-paginated list; renders nothing when
 * there is no further page.
 */
export function LoadMoreButton(props: {
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore(): void;
}) {
  const { hasMore, loadingMore, onLoadMore } = props;
  if (!hasMore) {
    return null;
  }
  return (
    <Box display="flex" justifyContent="center" mt={2}>
      <Button variant="outlined" onClick={onLoadMore} disabled={loadingMore}>
        {loadingMore ? 'Loading…' : 'Load more'}
      </Button>
    </Box>
  );
}
