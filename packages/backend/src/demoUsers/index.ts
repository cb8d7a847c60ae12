export { authModuleDemoUsersProvider as default } from './module';
