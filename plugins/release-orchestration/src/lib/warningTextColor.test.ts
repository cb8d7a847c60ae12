import { createTheme } from '@material-ui/core/styles';
import { warningTextColor } from './warningTextColor';

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map(i => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('warningTextColor', () => {
  it('keeps small warning text at WCAG AA contrast on a light theme, where the palette orange does not', () => {
    const theme = createTheme({ palette: { type: 'light' } });
    expect(contrast(theme.palette.warning.dark, '#ffffff')).toBeLessThan(4.5);
    expect(contrast(warningTextColor(theme), '#ffffff')).toBeGreaterThanOrEqual(
      4.5,
    );
  });

  it('uses the light warning shade on a dark theme', () => {
    const theme = createTheme({ palette: { type: 'dark' } });
    expect(warningTextColor(theme)).toBe(theme.palette.warning.light);
    expect(contrast(warningTextColor(theme), '#424242')).toBeGreaterThanOrEqual(
      4.5,
    );
  });
});
