export { ApprovalQueuePage } from './ApprovalQueuePage';
export { ApprovalQueueContent } from './ApprovalQueueContent';
export { ApprovalsRoutes } from './ApprovalsRoutes';
