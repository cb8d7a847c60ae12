import { Route, Routes } from 'react-router-dom';
import { FreezeWindowsContent } from '../FreezeWindowsPage';
import { ApprovalQueueContent } from './ApprovalQueueContent';

/**
 * The approvals page's content: the queue at its root and freeze windows at
 * `freezes`. Routes are relative, so it works wherever the page is mounted.
 */
export function ApprovalsRoutes() {
  return (
    <Routes>
      <Route path="/" element={<ApprovalQueueContent />} />
      <Route path="freezes" element={<FreezeWindowsContent />} />
    </Routes>
  );
}
