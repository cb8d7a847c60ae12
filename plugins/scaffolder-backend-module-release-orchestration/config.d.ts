export interface Config {
  releaseOrchestration?: {
    /** The scaffolder actions (module `release-orchestration` of the scaffolder). */
    scaffolder?: {
      /**
       * Let templates call Release Orchestration with the scaffolder's own service identity
       * (`credentials: plugin`) instead of the user who started the task. Off by default: with it
       * on, whoever may run a template acts with what your permission policy grants the
       * scaffolder plugin.
       */
      allowPluginCredentials?: boolean;
    };
  };
}
