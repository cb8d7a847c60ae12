import { useCallback } from 'react';

/**
 * A callback ref for a dialog's first field: the field takes the focus as it
 * is mounted (or when `when` turns true), so keyboard users start where they
 * type. It runs in the commit of the field itself, before the dialog's focus
 * trap would focus the dialog container. Closing the dialog gives the focus
 * back to its opener (Material UI's focus trap).
 */
export function useFirstFocus<T extends HTMLElement = HTMLElement>(
  when: boolean = true,
) {
  return useCallback(
    (element: T | null) => {
      if (element && when) {
        element.focus();
      }
    },
    [when],
  );
}
