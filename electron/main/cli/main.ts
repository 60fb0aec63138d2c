/** `msp-roster <command>` (`npm run cli -- <command>` in a checkout). Exit codes: 0 done, 1 failed or problems found, 2 bad command line. */
import { CliError } from './cli-error';
import { runCli } from './run-cli';

try {
  process.exitCode = await runCli(process.argv.slice(2), (text) => process.stdout.write(`${text}\n`));
} catch (error) {
  if (error instanceof CliError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = error.exitCode;
  } else {
    process.stderr.write(`Unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  }
}
