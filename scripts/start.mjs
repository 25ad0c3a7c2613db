// Runs on Node 24 via `npm start`. Builds what is missing or stale, then opens the Electron app; where
// Electron cannot run (binary not downloaded, no display) it says so in one line and serves the same app
// through the loopback browser host instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const passThrough = process.argv.slice(2);

/** Newest modification time under `dir` (source files only). */
function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (/\.(tsx?|css|html|json)$/.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function mtime(file) {
  return existsSync(file) ? statSync(file).mtimeMs : 0;
}

function build(flag) {
  const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), flag], { stdio: 'inherit', cwd: root });
  return run.status === 0;
}

/** Why Electron cannot run here, or null when it can. Never requires the `electron` package: that would try to download it. */
function electronUnavailable() {
  const pkgDir = path.join(root, 'node_modules', 'electron');
  if (!existsSync(pkgDir)) return { reason: 'electron 未安装 / electron is not installed', binary: null };
  let binary = null;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const name = process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
    binary = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, name);
  } else {
    const pathFile = path.join(pkgDir, 'path.txt');
    if (existsSync(pathFile)) binary = path.join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  }
  if (!binary || !existsSync(binary)) {
    return { reason: 'Electron 程序文件未下载 / the Electron binary is not downloaded', binary: null };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: '没有图形显示（DISPLAY/WAYLAND_DISPLAY 未设置） / no display (DISPLAY/WAYLAND_DISPLAY unset)', binary };
  }
  return { reason: null, binary };
}

function relay(child) {
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function startBrowserHost() {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'electron', 'hosts', 'browser', 'main.ts'), ...passThrough], {
    stdio: 'inherit',
    cwd: root,
  });
  relay(child);
}

const rendererStale = mtime(path.join(root, 'dist', 'renderer', 'index.html'))
  < Math.max(newestMtime(path.join(root, 'renderer')), newestMtime(path.join(root, 'shared')));
if (rendererStale && !build('--renderer')) {
  console.error('构建界面失败 / building the renderer failed');
  process.exit(1);
}

const electron = electronUnavailable();
if (electron.reason) {
  console.log(`Electron 无法在此运行（${electron.reason}），改用浏览器访问 / Electron cannot run here; serving the app to your browser instead.`);
  startBrowserHost();
} else {
  const mainBundle = path.join(root, 'dist', 'electron', 'main.cjs');
  const mainStale = mtime(mainBundle) < Math.max(newestMtime(path.join(root, 'electron')), newestMtime(path.join(root, 'shared')));
  if (mainStale && !build('--main')) {
    console.error('构建主进程失败 / building the main process failed');
    process.exit(1);
  }
  const child = spawn(electron.binary, [root, ...passThrough], { stdio: 'inherit', cwd: root });
  child.on('error', (e) => {
    console.log(`Electron 启动失败（${e.message}），改用浏览器访问 / Electron failed to start; serving the app to your browser instead.`);
    startBrowserHost();
  });
  relay(child);
}
