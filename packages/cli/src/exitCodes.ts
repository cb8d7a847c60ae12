/**
 * Exit codes a pipeline can act on. Documented in the README ("CLI for pipelines").
 */
export const ExitCode = {
  /** Done: recorded, or the promotion reached the state waited for. */
  ok: 0,
  /** The server could not be reached or kept failing (network errors, 5xx) after the retries. */
  unavailable: 1,
  /** Wrong flags or arguments; nothing was sent. */
  usage: 2,
  /** The server refused the request (400, 404, 409, 422); its message is printed. */
  refused: 3,
  /** Not authenticated (401) or not allowed (403). */
  forbidden: 4,
  /** The promotion was rejected by an approver. */
  rejected: 10,
  /** The promotion was cancelled. */
  cancelled: 11,
  /** The promotion is blocked by a freeze window. */
  blocked: 12,
  /** The promotion's deployment failed. */
  failed: 13,
  /** `wait` gave up before the promotion reached the state waited for. */
  timeout: 14,
  /** `status`: a lane checked is drifted (what runs is not its current release). */
  drifted: 15,
  /** `status --environment`: nothing was released in that lane yet, so it cannot be in sync. */
  unknown: 16,
  /** `verify-manifest`, `verify-evidence-pack`: a digest or hash did not match. */
  mismatch: 17,
} as const;

/** One of {@link ExitCode}. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** An error that ends the command with a given exit code and message. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
