// Runs the tests that need a running Parley — the SDK's integration tests and the browser tests — against a
// local stack of their own (./parley up's launcher) on free ports with a temporary data directory, then stops it.
// With PARLEY_URL and PARLEY_MAIL_DIR set, uses that Parley instead and starts nothing (then PARLEY_ADMIN_EMAIL, an
// address in its PARLEY_ADMIN_EMAILS, and PARLEY_ADMIN_PASSWORD, for the moderation tests).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('..', import.meta.url));
const home = resolve(web, '..');
const START_TIMEOUT_MS = 5 * 60_000;
// The administrator of the stack started here (PARLEY_ADMIN_EMAILS): the browser tests archive and deactivate as it.
const ADMIN_EMAIL = 'moderator@browser-tests.example.org';
const ADMIN_PASSWORD = 'moderator password for the browser tests';

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

function run(command, args, options) {
  return new Promise((done) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

async function waitForGateway(url, stack) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (stack.exitCode != null) throw new Error(`the local stack exited with ${stack.exitCode} while starting`);
    try {
      const response = await fetch(`${url}/`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((next) => setTimeout(next, 500));
  }
  throw new Error(`the gateway did not answer at ${url} within ${START_TIMEOUT_MS / 1000} s`);
}

async function startStack() {
  const javaHome = process.env.JAVA_HOME;
  const classpathFile = join(home, 'deploy/local-stack/target/classpath.txt');
  if (!javaHome || !existsSync(classpathFile)) {
    throw new Error('Needs JAVA_HOME and a built local stack (./mvnw package, or ./parley test which does both)');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-browser-tests-'));
  const ports = {};
  for (const name of ['GATEWAY', 'COMMAND_API', 'QUERY_API', 'NOTIFICATION_HANDLER', 'EMBEDDED_POSTGRES', 'EMBEDDED_MONGO']) {
    ports[`PARLEY_${name}_PORT`] = String(await freePort());
  }
  const url = `http://127.0.0.1:${ports.PARLEY_GATEWAY_PORT}`;
  const classpath = `${join(home, 'deploy/local-stack/target/classes')}:${readFileSync(classpathFile, 'utf8').trim()}`;
  console.log(`[browser tests] starting a local stack at ${url} (data in ${dataDir})`);
  const stack = spawn(join(javaHome, 'bin/java'), [`-Dparley.home=${home}`, '-cp', classpath, 'io.parley.localstack.LocalStack'], {
    env: { ...process.env, ...ports, PARLEY_ADMIN_EMAILS: ADMIN_EMAIL, PARLEY_DATA_DIR: dataDir, PARLEY_SERVICE_HEAP: process.env.PARLEY_SERVICE_HEAP ?? '384m' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const stop = async ({ showLogs = false } = {}) => {
    if (showLogs) printServiceWarnings(join(dataDir, 'logs'));
    if (stack.exitCode == null) {
      const exited = new Promise((done) => stack.once('exit', done));
      stack.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForGateway(url, stack);
  } catch (error) {
    await stop({ showLogs: true });
    throw error;
  }
  return { url, mailDir: join(dataDir, 'mail'), adminEmail: ADMIN_EMAIL, adminPassword: ADMIN_PASSWORD, stop };
}

// When a test failed, the stack's data directory is about to go: its services' warnings and errors are what tells a
// slow or refused request from a broken page, so they are printed last, where CI's record of the run keeps them.
function printServiceWarnings(logs) {
  if (!existsSync(logs)) return;
  for (const file of readdirSync(logs).filter((name) => name.endsWith('.log')).sort()) {
    const lines = readFileSync(join(logs, file), 'utf8').split('\n').filter((line) => /\b(WARN|ERROR)\b/.test(line));
    if (lines.length === 0) continue;
    console.log(`[browser tests] ${file}: the last ${Math.min(lines.length, 25)} of ${lines.length} warnings and errors`);
    for (const line of lines.slice(-25)) console.log(`  ${line.replace(/\s{2,}/g, ' ').slice(0, 400)}`);
  }
}

const external = process.env.PARLEY_URL && process.env.PARLEY_MAIL_DIR;
const stack = external
  ? {
      url: process.env.PARLEY_URL, mailDir: process.env.PARLEY_MAIL_DIR, adminEmail: process.env.PARLEY_ADMIN_EMAIL,
      adminPassword: process.env.PARLEY_ADMIN_PASSWORD, stop: async () => {},
    }
  : await startStack();
const stopOnSignal = () => void stack.stop().finally(() => process.exit(130));
process.once('SIGINT', stopOnSignal);
process.once('SIGTERM', stopOnSignal);

let failed = false;
try {
  const env = {
    ...process.env, PARLEY_URL: stack.url, PARLEY_MAIL_DIR: stack.mailDir, PARLEY_ADMIN_EMAIL: stack.adminEmail ?? '',
    PARLEY_ADMIN_PASSWORD: stack.adminPassword ?? '',
  };
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  console.log('[browser tests] SDK integration tests');
  failed = (await run(npx, ['vitest', 'run', 'test/integration'], { cwd: join(web, 'sdk'), env })) !== 0 || failed;
  console.log('[browser tests] web app in Chromium');
  failed = (await run(npx, ['vitest', 'run'], { cwd: join(web, 'e2e'), env })) !== 0 || failed;
} finally {
  await stack.stop({ showLogs: failed });
}
process.exit(failed ? 1 : 0);
