import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  promotionApprovePermission,
  promotionCreatePermission,
  ReleaseDetails,
} from '@release-orchestration/plugin-release-orchestration-common';
import useAsync from 'react-use/esm/useAsync';
import { releaseOrchestrationApiRef } from '../../api';
import { PromotionTimeline } from '../PromotionTimeline';

/**
 * The promotion timeline of a release with what the signed-in user may do:
 * promote (promotion.create) and vote where the lane's policy lets them
 * (promotion.approve and the approval queue's answer for this System).
 */
export function ReleasePromotions(props: {
  release: ReleaseDetails;
  onChanged(): void;
}) {
  const { release, onChanged } = props;
  const api = useApi(releaseOrchestrationApiRef);
  const create = usePermission({
    permission: promotionCreatePermission,
    resourceRef: release.systemRef,
  });
  const approve = usePermission({
    permission: promotionApprovePermission,
    resourceRef: release.systemRef,
  });
  const identityApi = useApi(identityApiRef);
  const identity = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  // The lanes with the policy in force for this System (its named policy), as the gate enforces it.
  const environments = useAsync(
    () => api.listEnvironments({ system: release.systemRef }),
    [api, release.systemRef],
  );
  const hasPending = release.promotions.some(
    p => p.state === 'pending_approval',
  );
  const votable = useAsync(async () => {
    if (!hasPending || !approve.allowed) {
      return new Set<string>();
    }
    const page = await api.listPromotions({
      state: 'pending_approval',
      approver: 'me',
      system: release.systemRef,
      limit: 200,
    });
    // Listed with canVote false when a rule bars the caller (e.g. they authored a commit in it).
    return new Set(
      page.items
        .filter(item => item.canVote !== false)
        .map(item => item.promotion.id),
    );
  }, [api, release, hasPending, approve.allowed]);

  if (environments.error) {
    return <ResponseErrorPanel error={environments.error} />;
  }
  if (!environments.value) {
    return <Progress />;
  }
  return (
    <PromotionTimeline
      release={release}
      environments={environments.value.items}
      votable={votable.value ?? new Set()}
      canPromote={create.allowed}
      userRef={identity.value?.userEntityRef}
      onChanged={onChanged}
    />
  );
}
