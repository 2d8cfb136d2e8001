import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm start` as a child process over one data directory, for the tests that kill it (each such test owns its own
 * directory and runtime: nothing is shared between cases that kill).
 */
export function localProcess(dataDir: string, options: { nodeArgs?: string[] } = {}) {
  let child: ChildProcess | undefined;

  /** Starts `npm start`'s entry point; resolves with its URL once it printed it (after the re-drive finished). */
  function start(): Promise<{ url: string; process: ChildProcess }> {
    const process_ = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', 'bin/local.ts'], {
      env: { ...process.env, PORT: '0', MOTCUA_DATA_DIR: dataDir, POWERTOOLS_LOG_LEVEL: 'ERROR' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = process_;
    return new Promise((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`npm start did not print its URL:\n${output}`)), 90_000);
      const read = (chunk: Buffer) => {
        output += chunk;
        const url = /is running at (http:\/\/[\d.:]+)/.exec(output)?.[1];
        if (url) {
          clearTimeout(timer);
          resolve({ url, process: process_ });
        }
      };
      process_.stdout?.on('data', read);
      process_.stderr?.on('data', (chunk) => {
        output += chunk;
      });
      process_.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`npm start exited (${code}):\n${output}`));
      });
    });
  }

  function kill9(runtime: { process: ChildProcess }) {
    const exited = new Promise((resolve) => runtime.process.once('exit', resolve));
    runtime.process.kill('SIGKILL');
    return exited;
  }

  /** Stops what is still running (the JVM of a runtime killed last too) and removes the data directory. */
  async function cleanUp() {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    const pidFile = join(dataDir, 'dynamodb', 'dynamodb-local.pid');
    if (existsSync(pidFile)) {
      try {
        process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  }

  return { start, kill9, cleanUp };
}
