export { DeploymentStatusBadge } from './DeploymentStatusBadge';
