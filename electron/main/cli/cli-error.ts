/** A failure the CLI explains in one line, with exit code 1 (2 for a command line it cannot read). */
export class CliError extends Error {
  override readonly name = 'CliError';

  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}
