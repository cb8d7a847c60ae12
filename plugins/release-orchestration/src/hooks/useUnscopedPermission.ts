import { useApi } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { promotionApprovePermission } from '@release-orchestration/plugin-release-orchestration-common';
import useAsync from 'react-use/esm/useAsync';

/**
 * Whether the caller holds a System permission on every System, for pages that are about no
 * single System (the approval queue, the freeze windows). `usePermission` denies a resource
 * permission asked without a resource; this asks the policy itself, which answers ALLOW only
 * when nothing scopes the permission (a conditional "own Systems only" answer is not enough
 * here). The backend still decides every action on its System.
 */
export function useUnscopedPermission(
  permission: typeof promotionApprovePermission,
): {
  loading: boolean;
  allowed: boolean;
} {
  const permissionApi = useApi(permissionApiRef);
  const { value, loading } = useAsync(async () => {
    // The permission backend refuses a resource permission without a resourceRef (400), so
    // ask about the same permission as a basic one: the policy then answers ALLOW only when
    // it grants it unconditionally (on every System), and anything else counts as not allowed.
    const { result } = await permissionApi.authorize({
      permission: {
        type: 'basic',
        name: permission.name,
        attributes: permission.attributes,
      },
    });
    return String(result) === 'ALLOW';
  }, [permissionApi, permission.name]);
  return { loading, allowed: value === true };
}
