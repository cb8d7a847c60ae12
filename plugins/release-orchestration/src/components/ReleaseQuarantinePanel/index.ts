export { ReleaseQuarantinePanel } from './ReleaseQuarantinePanel';
