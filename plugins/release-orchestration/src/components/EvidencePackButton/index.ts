export { EvidencePackButton } from './EvidencePackButton';
