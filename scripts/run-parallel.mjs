// Runs npm scripts side by side (`node scripts/run-parallel.mjs typecheck lint`): `npm test` checks types and
// lints at the same time, one per core, instead of one after the other. Each script's output is printed whole
// when it ends (never interleaved), with how long it took; the exit code is non-zero if any of them failed.
import { spawn } from 'node:child_process';

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  console.error('Usage: node scripts/run-parallel.mjs <npm script>...');
  process.exit(2);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const results = await Promise.all(
  scripts.map(
    (script) =>
      new Promise((resolve) => {
        const started = Date.now();
        const chunks = [];
        const child = spawn(npm, ['run', script], { stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
        child.stdout.on('data', (chunk) => chunks.push(chunk));
        child.stderr.on('data', (chunk) => chunks.push(chunk));
        let ended = false;
        const done = (code) => {
          if (ended) return;
          ended = true;
          const seconds = ((Date.now() - started) / 1000).toFixed(1);
          process.stdout.write(Buffer.concat(chunks));
          console.log(`[${script}] ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${seconds} s`);
          resolve(code);
        };
        child.on('error', (error) => {
          chunks.push(Buffer.from(`${error.message}\n`));
          done(1);
        });
        child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0)));
      }),
  ),
);
process.exit(results.every((code) => code === 0) ? 0 : 1);
