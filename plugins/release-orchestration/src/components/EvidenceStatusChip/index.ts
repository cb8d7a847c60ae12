export { EvidenceStatusChip } from './EvidenceStatusChip';
