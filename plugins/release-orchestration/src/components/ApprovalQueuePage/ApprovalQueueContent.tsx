import {
  EmptyState,
  LinkButton,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import ApproveIcon from '@material-ui/icons/DoneAll';
import FreezeIcon from '@material-ui/icons/AcUnit';
import {
  freezeManagePermission,
  promotionApprovePermission,
} from '@release-orchestration/plugin-release-orchestration-common';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { releaseOrchestrationApiRef } from '../../api';
import { useCursorList } from '../../hooks/useCursorList';
import { useLiveRefresh } from '../../hooks/useLiveRefresh';
import { useUnscopedPermission } from '../../hooks/useUnscopedPermission';
import { FreezeBanner } from '../FreezeBanner';
import { BlockedPromotions } from './BlockedPromotions';
import { LoadMoreButton } from '../LoadMoreButton';
import {
  AGE_FILTERS,
  ApprovalQueueFilters,
  QueueFilters,
} from './ApprovalQueueFilters';
import { ApprovalQueueTable, votingOf } from './ApprovalQueueTable';
import { BulkApproveDialog } from './BulkApproveDialog';

// A screenful, then "Load more" (as every list of the plugin): each row is heavy to render
// (checkbox, vote buttons, chips, two catalog links), and at 100 rows the first page took the
// browser's main thread 0.6-0.9 s and the backend twice the time of 25 (bench pages part,
// 6 December; 173 promotions wait for a release manager at scale 1).
const PAGE_SIZE = 25;

/**
 * The approval queue: every promotion the signed-in user may vote on now,
 * filterable by environment, System and age, with Approve / Reject per row and
 * a bulk approval of the selected rows. Freeze windows in force are shown
 * above it; holders of freeze.manage get a link to manage them.
 */
export function ApprovalQueueContent() {
  const api = useApi(releaseOrchestrationApiRef);
  // Not about one System: allowed only where the policy allows it unconditionally.
  const approve = useUnscopedPermission(promotionApprovePermission);
  const manageFreezes = useUnscopedPermission(freezeManagePermission);
  const [searchParams, setSearchParams] = useSearchParams();
  const filters: QueueFilters = {
    show: searchParams.get('show') === 'all' ? 'all' : '',
    environment: searchParams.get('environment') ?? '',
    system: searchParams.get('system') ?? '',
    age: searchParams.get('age') ?? '',
  };
  const filtered = Boolean(
    filters.environment || filters.system || filters.age,
  );
  const environments = useAsync(() => api.listEnvironments(), [api]);
  const fetchPage = useCallback(
    (cursor?: string) =>
      api.listPromotions({
        state: 'pending_approval',
        approver: filters.show === 'all' ? undefined : 'me',
        environment: filters.environment || undefined,
        system: filters.system || undefined,
        cursor,
        limit: PAGE_SIZE,
      }),
    [api, filters.show, filters.environment, filters.system],
  );
  const list = useCursorList(fetchPage);
  // Live: a request, vote or deployment anywhere reloads the queue (no polling: a reload
  // would interrupt a reader; without signals the page shows what it loaded).
  useLiveRefresh(list.reload, { pollIntervalMs: false });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulk, setBulk] = useState(false);

  // Systems seen so far stay offered after filtering by one of them.
  const seenSystems = useRef(new Set<string>());
  for (const item of list.items) {
    seenSystems.current.add(item.promotion.systemRef);
  }
  if (filters.system) {
    seenSystems.current.add(filters.system);
  }
  const minAge = AGE_FILTERS.find(a => a.value === filters.age)?.seconds ?? 0;
  const items = useMemo(
    () => list.items.filter(item => item.ageSeconds >= minAge),
    [list.items, minAge],
  );
  useEffect(() => {
    const visible = new Set(items.map(i => i.promotion.id));
    setSelected(previous => {
      const kept = [...previous].filter(id => visible.has(id));
      return kept.length === previous.size ? previous : new Set(kept);
    });
  }, [items]);

  const select = (ids: string[], on: boolean) =>
    setSelected(previous => {
      const next = new Set(previous);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  const setFilters = (next: QueueFilters) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) {
      if (value) params.set(key, value);
    }
    setSearchParams(params, { replace: true });
  };
  const canVote = approve.allowed;
  const selectedItems = items.filter(i => selected.has(i.promotion.id));
  const titles = new Map(
    (environments.value?.items ?? []).map(e => [e.name, e.title]),
  );
  const laneTitle = (name: string) => titles.get(name) ?? name;
  const anyVotable = items.some(i => votingOf(i, canVote).canVote);

  return (
    <>
      <FreezeBanner />
      {/* On a card: secondary text and field labels keep AA contrast (not on the grey page). */}
      <Paper style={{ padding: 16, marginBottom: 16 }}>
        <Box
          display="flex"
          alignItems="center"
          justifyContent="space-between"
          flexWrap="wrap"
          style={{ gap: 16 }}
        >
          <Box>
            <Typography variant="h5" component="h2">
              {filters.show === 'all'
                ? 'All pending promotions'
                : 'Waiting for your vote'}
            </Typography>
            <Typography variant="body2" color="textSecondary">
              {filters.show === 'all'
                ? 'Every promotion waiting for approval; where you cannot vote, the row says why.'
                : 'Promotions into lanes whose approver groups you belong to, that you neither requested nor cut the release of.'}
            </Typography>
          </Box>
          <Box display="flex" style={{ gap: 8 }}>
            {anyVotable && (
              <Button
                variant="contained"
                color="primary"
                startIcon={<ApproveIcon />}
                disabled={selectedItems.length === 0}
                onClick={() => setBulk(true)}
              >
                Approve selected ({selectedItems.length})
              </Button>
            )}
            {manageFreezes.allowed && (
              <LinkButton
                to="freezes"
                variant="outlined"
                startIcon={<FreezeIcon />}
              >
                Freeze windows
              </LinkButton>
            )}
          </Box>
        </Box>
        <Box mt={2}>
          <ApprovalQueueFilters
            filters={filters}
            environments={environments.value?.items ?? []}
            systems={[...seenSystems.current].sort()}
            onChange={setFilters}
          />
        </Box>
      </Paper>
      {list.loading && <Progress />}
      {list.error && <ResponseErrorPanel error={list.error} />}
      {!list.loading && !list.error && items.length === 0 && filtered && (
        <EmptyState
          missing="data"
          title="No promotion matches these filters"
          description="The filters above hide every promotion in the queue."
          action={
            <Button
              variant="contained"
              color="primary"
              onClick={() =>
                setFilters({
                  show: filters.show,
                  environment: '',
                  system: '',
                  age: '',
                })
              }
            >
              Clear filters
            </Button>
          }
        />
      )}
      {!list.loading && !list.error && items.length === 0 && !filtered && (
        <EmptyState
          missing="data"
          title={
            filters.show === 'all'
              ? 'No promotion waits for approval'
              : 'Nothing waits for your approval'
          }
          description={
            filters.show === 'all'
              ? 'Promotions appear here as soon as someone asks for one into a lane that needs approval.'
              : 'Promotions you may approve appear here as soon as someone asks for one.'
          }
        />
      )}
      {items.length > 0 && (
        <Paper style={{ overflowX: 'auto' }}>
          <ApprovalQueueTable
            items={items}
            selected={selected}
            canVote={canVote}
            laneTitle={laneTitle}
            onSelect={select}
            onVoted={list.reload}
          />
        </Paper>
      )}
      <LoadMoreButton
        hasMore={list.hasMore}
        loadingMore={list.loadingMore}
        onLoadMore={list.loadMore}
      />
      <BlockedPromotions laneTitle={laneTitle} />
      {bulk && (
        <BulkApproveDialog
          items={selectedItems}
          laneTitle={laneTitle}
          onClose={() => setBulk(false)}
          onApproved={ids => {
            select(ids, false);
            list.reload();
          }}
        />
      )}
    </>
  );
}
