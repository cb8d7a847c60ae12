export { ChangeApprovalsSummary } from './ChangeApprovalsSummary';
