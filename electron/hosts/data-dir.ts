// Main process (CLI and browser host). Where the app keeps its data when no --data-dir is given: the same
// folder Electron's app.getPath('userData') uses for our product name, so every host sees the same store.
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Invoice Recon';

export function defaultDataDir(env: Readonly<Record<string, string | undefined>> = process.env, platform: NodeJS.Platform = process.platform): string {
  const override = env.INVOICE_RECON_DATA_DIR;
  if (override) return path.resolve(override);
  const home = os.homedir();
  switch (platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
  }
}
