export interface Config {
  auth?: {
    providers?: {
      /**
       * Demo portal only (local and e2e config, never production): sign in as one of these
       * catalog users without a password. The sign-in page offers them next to Guest; the
       * backend's demo-users provider (packages/backend/src/demoUsers) signs in only these names,
       * and only when NODE_ENV is development.
       */
      demoUsers?: {
        /**
         * Names of User entities in the default namespace, e.g. [carol, dave].
         * @visibility frontend
         */
        users?: string[];
      };
    };
  };
}
