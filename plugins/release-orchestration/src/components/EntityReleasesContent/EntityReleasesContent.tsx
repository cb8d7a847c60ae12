import { useEntity } from '@backstage/plugin-catalog-react';
import { ComponentBuildsContent } from '../ComponentBuildsContent';
import { SystemReleasesContent } from '../SystemReleasesContent';

/**
 * The Releases tab for the current entity: a System's releases, or a
 * Component's builds and the releases containing them.
 * @public
 */
export function EntityReleasesContent() {
  const { entity } = useEntity();
  if (entity.kind.toLocaleLowerCase('en-US') === 'component') {
    return <ComponentBuildsContent />;
  }
  return <SystemReleasesContent />;
}
