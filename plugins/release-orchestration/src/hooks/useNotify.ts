import {
  alertApiRef,
  AlertMessage,
  useApi,
  useApiHolder,
} from '@backstage/core-plugin-api';
import { toastApiRef } from '@backstage/frontend-plugin-api';
import { useCallback } from 'react';

/** How long a transient message stays, as the alert display did. */
const TRANSIENT_MS = 5_000;

const STATUS = {
  success: 'success',
  info: 'info',
  warning: 'warning',
  error: 'danger',
} as const;

/**
 * Posts a short message to the user: through the toast API where the app has
 * it (the new frontend system, Backstage 1.55 on), else through the alert API
 * (legacy apps), so the plugin triggers no "AlertApi is deprecated" warning
 * where the toast API exists.
 */
export function useNotify(): (message: AlertMessage) => void {
  const holder = useApiHolder();
  const alertApi = useApi(alertApiRef);
  const toastApi = holder.get(toastApiRef);
  return useCallback(
    (message: AlertMessage) => {
      if (!toastApi) {
        alertApi.post(message);
        return;
      }
      toastApi.post({
        title: message.message,
        status: STATUS[message.severity ?? 'success'],
        timeout: message.display === 'transient' ? TRANSIENT_MS : undefined,
      });
    },
    [alertApi, toastApi],
  );
}
