export { RiskClassChip } from './RiskClassChip';
