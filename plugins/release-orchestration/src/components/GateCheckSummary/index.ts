export {
  GateCheckSummary,
  RequestRefusalAlert,
  UnmetConditionList,
} from './GateCheckSummary';
