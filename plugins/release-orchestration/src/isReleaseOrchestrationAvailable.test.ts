import { Entity } from '@backstage/catalog-model';
import { isReleaseOrchestrationAvailable } from './isReleaseOrchestrationAvailable';

const entity = (kind: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
});

describe('isReleaseOrchestrationAvailable', () => {
  it('offers the tab on Systems and Components only', () => {
    expect(isReleaseOrchestrationAvailable(entity('System'))).toBe(true);
    expect(isReleaseOrchestrationAvailable(entity('Component'))).toBe(true);
    expect(isReleaseOrchestrationAvailable(entity('API'))).toBe(false);
    expect(isReleaseOrchestrationAvailable(entity('Group'))).toBe(false);
  });
});
