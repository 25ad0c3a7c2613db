// Node (Vitest). electron-builder.yml checked by electron-builder's own loader and JSON-schema validation —
// the same code `electron-builder` runs before packaging — without downloading Electron.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FONT_FILE } from '../../../electron/sandbox/einvoice-pdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util';

const root = path.resolve(import.meta.dirname, '../../..');
let config: Configuration;

beforeAll(async () => {
  config = await getConfig(root, 'electron-builder.yml', null);
});

const validate = (c: Configuration) => validateConfiguration(c, new DebugLogger(false));

describe('electron-builder.yml', () => {
  it('passes electron-builder validation', async () => {
    await expect(validate(config)).resolves.toBeUndefined();
  });

  it('is really checked: a misspelt fuse or NSIS option is rejected', async () => {
    await expect(validate({ ...config, electronFuses: { ...config.electronFuses, runAsnode: false } as Configuration['electronFuses'] })).rejects.toThrow(/configuration\.electronFuses/);
    await expect(validate({ ...config, nsis: { ...config.nsis, oneclick: false } as Configuration['nsis'] })).rejects.toThrow(/configuration\.nsis/);
  });

  it('flips the security fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds a per-user, Chinese, x64 NSIS installer that keeps the data on uninstall', () => {
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      language: '2052',
      installerLanguages: ['zh_CN'],
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
      deleteAppDataOnUninstall: false,
    });
  });

  it('builds AppImage and deb for Linux in the Office category', () => {
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'], category: 'Office' });
    expect(config.linux?.maintainer).toMatch(/<.+@.+>/);
  });

  it('ships the bundles the app starts from and unpacks every better-sqlite3 prebuild, without rebuilding', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string };
    // electron-builder normalises `files` into FileSet objects ({ filter: [...] }).
    const files = ([] as unknown[]).concat(config.files ?? []).flatMap((f) => (typeof f === 'string' ? [f] : (f as { filter?: string[] }).filter ?? []));
    expect(files).toEqual(expect.arrayContaining(['dist/electron/**', 'dist/renderer/**', 'package.json']));
    expect(path.matchesGlob(pkg.main, 'dist/electron/**')).toBe(true);
    const prebuilds = readdirSync(path.join(root, 'node_modules/better-sqlite3/prebuilds')).map((f) => `node_modules/better-sqlite3/prebuilds/${f}`);
    expect(prebuilds.length).toBeGreaterThan(0);
    for (const file of prebuilds) {
      expect((config.asarUnpack as string[]).some((glob) => path.matchesGlob(file, glob)), file).toBe(true);
    }
    expect(config.npmRebuild).toBe(false);
    expect(config.nodeGypRebuild).toBe(false);
  });

  it('packs only the one font file the practice e-invoices embed, out of the 76 MB font package', () => {
    const files = ([] as unknown[]).concat(config.files ?? []).flatMap((f) => (typeof f === 'string' ? [f] : (f as { filter?: string[] }).filter ?? []));
    const wanted = `node_modules/${FONT_FILE}`;
    // electron-builder copies production dependencies by itself and filters them with the same patterns, in
    // order: the last one that matches a path decides.
    const decide = (file: string): boolean => files.reduce<boolean>((keep, glob) => {
      const negated = glob.startsWith('!');
      return path.matchesGlob(file, negated ? glob.slice(1) : glob) ? !negated : keep;
    }, file.startsWith('node_modules/'));
    expect(decide(wanted)).toBe(true);
    expect(decide('node_modules/@fontsource/noto-sans-sc/LICENSE')).toBe(true);
    const others = readdirSync(path.join(root, 'node_modules/@fontsource/noto-sans-sc/files')).filter((f) => wanted !== `node_modules/@fontsource/noto-sans-sc/files/${f}`);
    expect(others.length).toBeGreaterThan(100);
    for (const f of others) expect(decide(`node_modules/@fontsource/noto-sans-sc/files/${f}`), f).toBe(false);
  });
});
