export { GateCheckSummary, UnmetConditionList } from './GateCheckSummary';
