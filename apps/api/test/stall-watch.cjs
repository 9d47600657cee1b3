// A Jest reporter that names a run which stops moving and ends it. CI twice saw the API suite
// print nothing for over an hour after 31 files (its 90 minutes ran out); a test's own timeout
// cannot fire when the event loop is blocked, and nothing said which test was running. The
// watcher is a worker thread, so it still runs when the tests' thread is blocked: after
// JEST_STALL_MS (default 10 min) without a test starting or ending, it writes the file and test
// in progress to stderr and ends the process with SIGTERM, so the run fails at once and says where.
const path = require('node:path');
const { Worker } = require('node:worker_threads');

const STALL_MS = Number(process.env.JEST_STALL_MS || 10 * 60 * 1000);

const WATCHER = `
const { parentPort, workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
let last = 'the run starting';
let at = Date.now();
parentPort.on('message', (m) => { last = m; at = Date.now(); });
setInterval(() => {
  const quiet = Date.now() - at;
  if (quiet < workerData.stallMs) return;
  writeSync(2, '\\nSTALLED: no test has started or ended for ' + Math.round(quiet / 1000) +
    ' s; in progress: ' + last + '\\nEnding the run.\\n');
  process.kill(process.pid, 'SIGTERM');
}, 5000);
`;

class StallWatch {
  constructor(globalConfig) {
    this.root = globalConfig.rootDir;
    this.watcher = new Worker(WATCHER, { eval: true, workerData: { stallMs: STALL_MS } });
    this.watcher.unref();
  }

  tell(what) {
    this.watcher.postMessage(what);
  }

  name(test) {
    return path.relative(this.root, test.path);
  }

  onTestFileStart(test) {
    this.tell(`${this.name(test)}: loading, or its beforeAll`);
  }

  onTestCaseStart(test, info) {
    this.tell(`${this.name(test)}: "${info.fullName}"`);
  }

  onTestCaseResult(test, result) {
    this.tell(`${this.name(test)}: after "${result.fullName}" (an afterEach, afterAll, or the next test's beforeEach)`);
  }

  onTestFileResult(test) {
    this.tell(`between files, after ${this.name(test)}`);
  }

  onRunComplete() {
    return this.watcher.terminate();
  }
}

module.exports = StallWatch;
