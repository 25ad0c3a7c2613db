// Runs on Node 24 via npm scripts. The README's one test command: unit + integration + e2e in one
// Vitest run, ending with the single summary line CI reads ("N passed, N failed").
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const args = process.argv.slice(2);

if (existsSync(path.join(root, 'renderer', 'index.html')) && !args.includes('--no-build')) {
  // e2e tests drive the built renderer, so build it first.
  const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--renderer'], { stdio: 'inherit', cwd: root });
  if (build.status !== 0) {
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

mkdirSync(path.join(root, 'test-results'), { recursive: true });
const report = path.join(root, 'test-results', 'vitest.json');
const passThrough = args.filter((a) => a !== '--no-build');
const run = spawnSync(process.execPath, [bin('vitest'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...passThrough], {
  stdio: 'inherit',
  cwd: root,
});

let passed = 0;
let failed = 1;
let skipped = 0;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests ?? 0;
  skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  // A file that fails to load has no tests but must still count as a failure.
  const brokenFiles = (json.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
  failed = (json.numFailedTests ?? 0) + brokenFiles;
}
const status = run.status === 0 && failed === 0 && passed > 0 ? 0 : 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(status);
