export { FreezeWindowsContent } from './FreezeWindowsContent';
