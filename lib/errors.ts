/**
 * An error caused by what the caller asked for, not by a fault of ours: the CLI prints its message
 * (exit 2) and the HTTP layer answers `{"detail": message}` with `status` instead of a 500.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly status: number = 400,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
