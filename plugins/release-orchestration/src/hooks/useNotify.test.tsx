import { alertApiRef } from '@backstage/core-plugin-api';
import { toastApiRef } from '@backstage/frontend-plugin-api';
import { TestApiProvider } from '@backstage/test-utils';
import { renderHook } from '@testing-library/react';
import { ReactNode } from 'react';
import { useNotify } from './useNotify';

function setup(withToast: boolean) {
  const alertApi = { post: jest.fn(), alert$: jest.fn() };
  const toastApi = { post: jest.fn(() => ({ close: jest.fn() })) };
  const apis: any[] = [[alertApiRef, alertApi]];
  if (withToast) apis.push([toastApiRef, toastApi]);
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={apis as any}>{children}</TestApiProvider>
  );
  const { result } = renderHook(() => useNotify(), { wrapper });
  return { notify: result.current, alertApi, toastApi };
}

describe('useNotify', () => {
  it('posts a toast where the app has the toast API, never the deprecated alert API', () => {
    const { notify, alertApi, toastApi } = setup(true);
    notify({ message: 'Saved', severity: 'success', display: 'transient' });
    notify({ message: 'Could not save', severity: 'error' });
    expect(toastApi.post).toHaveBeenNthCalledWith(1, {
      title: 'Saved',
      status: 'success',
      timeout: 5000,
    });
    expect(toastApi.post).toHaveBeenNthCalledWith(2, {
      title: 'Could not save',
      status: 'danger',
      timeout: undefined,
    });
    expect(alertApi.post).not.toHaveBeenCalled();
  });

  it('falls back to the alert API in a legacy app', () => {
    const { notify, alertApi } = setup(false);
    notify({ message: 'Saved', severity: 'success', display: 'transient' });
    expect(alertApi.post).toHaveBeenCalledWith({
      message: 'Saved',
      severity: 'success',
      display: 'transient',
    });
  });
});
