import { Theme } from '@material-ui/core/styles';

/**
 * A warning colour for small text that keeps at least 4.5:1 contrast (WCAG AA) on the theme's
 * paper: the palette's warning shades are made for icons and fills, and its orange on white
 * measures below 3:1.
 */
export function warningTextColor(theme: Theme): string {
  return theme.palette.type === 'dark'
    ? theme.palette.warning.light
    : '#8a4b00';
}
