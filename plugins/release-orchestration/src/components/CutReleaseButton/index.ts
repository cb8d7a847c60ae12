export { CutReleaseButton } from './CutReleaseButton';
export type { CutReleaseButtonProps } from './CutReleaseButton';
