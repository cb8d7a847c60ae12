import { parseEntityRef } from '@backstage/catalog-model';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';

/** The signed-in user's ref and the Group refs they belong to (their teams). */
export function useMyOwnership() {
  const identityApi = useApi(identityApiRef);
  return useAsync(async () => {
    const identity = await identityApi.getBackstageIdentity();
    const ownership = identity.ownershipEntityRefs.map(ref =>
      ref.toLocaleLowerCase('en-US'),
    );
    const groupRefs = ownership.filter(ref => {
      try {
        return parseEntityRef(ref).kind.toLocaleLowerCase('en-US') === 'group';
      } catch {
        return false;
      }
    });
    return { userRef: identity.userEntityRef, ownership, groupRefs };
  }, [identityApi]);
}
