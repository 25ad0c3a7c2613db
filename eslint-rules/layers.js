// Lint (Node, loaded by eslint.config.js). The layers of the code as data, and the one rule that holds every
// import to them. docs/ARCHITECTURE.md shows the same table; test/unit/eslint-rules/layers.test.ts checks both.
import path from 'node:path';

/**
 * Each layer: the folders (or files) it owns and the layers it may import. A file belongs to the layer with the
 * longest matching path; a layer always may import itself. Files in no layer (test/, scripts/, configs) are free.
 */
export const LAYERS = [
  { name: 'shared', paths: ['shared'], may: [], owns: 'contract, zod schemas, domain types, pure helpers (runs in both processes)' },
  { name: 'renderer', paths: ['renderer'], may: ['shared'], owns: 'React UI; reaches the main process only through shared/api' },
  { name: 'domain', paths: ['electron/domain'], may: ['shared'], owns: 'pure domain rules (reconcile); no I/O' },
  { name: 'logging', paths: ['electron/logging'], may: ['shared'], owns: 'the one redact(), the rotating log file' },
  { name: 'files', paths: ['electron/files'], may: ['shared'], owns: 'the one atomic file writer' },
  { name: 'security', paths: ['electron/security'], may: ['shared'], owns: 'app:// protocol, CSP, navigation, sender checks' },
  { name: 'http', paths: ['electron/http'], may: ['shared', 'logging'], owns: 'transport, retry, rate limit, clock skew, PlatformError' },
  { name: 'platforms', paths: ['electron/platforms'], may: ['shared', 'logging', 'http'], owns: 'Wangdiantong and Suning clients: signing, wire parsing; no database' },
  { name: 'db', paths: ['electron/db'], may: ['shared', 'domain'], owns: 'SQLite, migrations, repositories' },
  { name: 'secrets', paths: ['electron/secrets'], may: ['shared'], owns: 'the vault over an injected SecretCipher' },
  { name: 'sandbox', paths: ['electron/sandbox'], may: ['shared'], owns: 'the two platform emulators and the seed generator' },
  { name: 'services', paths: ['electron/services'], may: ['shared', 'domain', 'logging', 'files', 'http', 'platforms', 'db', 'secrets', 'sandbox'], owns: 'handlers, import, export, jobs, settings, practice, app-core (the composition root)' },
  { name: 'hosts', paths: ['electron/hosts'], may: ['shared', 'logging', 'services'], owns: 'what every host shares: invoke() (the one call pipeline), the data folder' },
  { name: 'host-electron', paths: ['electron/hosts/electron'], may: ['shared', 'logging', 'security', 'secrets', 'services', 'hosts'], owns: 'IPC binding, events, menu, lifecycle, window state' },
  { name: 'host-browser', paths: ['electron/hosts/browser'], may: ['shared', 'logging', 'security', 'secrets', 'services', 'hosts'], owns: 'loopback HTTP host for tests and browsers' },
  { name: 'host-cli', paths: ['electron/hosts/cli'], may: ['shared', 'logging', 'files', 'secrets', 'sandbox', 'services', 'hosts'], owns: 'invoice-recon <command>, the sandbox command' },
  { name: 'shell', paths: ['electron/main.ts', 'electron/window.ts', 'electron/preload.ts'], may: ['shared', 'logging', 'security', 'secrets', 'services', 'hosts', 'host-electron'], owns: 'the Electron entry points the build and electron-builder expect' },
];

const byName = new Map(LAYERS.map((l) => [l.name, l]));

/** The layer a repository-relative path (POSIX, with or without extension) belongs to, or null. */
export function layerOf(relPath) {
  const p = relPath.split(path.sep).join('/');
  const stem = p.replace(/\.(tsx?|jsx?|mjs|cjs)$/, '');
  let best = null;
  let bestLength = -1;
  for (const layer of LAYERS) {
    for (const owned of layer.paths) {
      const ownedStem = owned.replace(/\.(tsx?|jsx?|mjs|cjs)$/, '');
      const hit = stem === ownedStem || p.startsWith(`${owned}/`);
      if (hit && owned.length > bestLength) {
        best = layer;
        bestLength = owned.length;
      }
    }
  }
  return best;
}

/** @type {import('eslint').Rule.RuleModule} */
export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports go only to the layers the table in eslint-rules/layers.js allows.' },
    schema: [],
    messages: {
      wrongLayer: '{{from}} ({{fromLayer}}) may not import {{to}} ({{toLayer}}): {{fromLayer}} may import only {{allowed}}. See docs/ARCHITECTURE.md.',
    },
  },
  create(context) {
    const root = context.cwd;
    const file = path.relative(root, context.filename);
    const from = layerOf(file);
    if (from === null) return {};
    function check(node) {
      const source = node.source;
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const spec = source.value;
      if (!spec.startsWith('.')) return;
      const target = path.relative(root, path.resolve(path.dirname(context.filename), spec));
      const to = layerOf(target);
      if (to === null || to === from || from.may.includes(to.name)) return;
      context.report({
        node: source,
        messageId: 'wrongLayer',
        data: { from: file, fromLayer: from.name, to: target, toLayer: to.name, allowed: from.may.join(', ') || 'nothing' },
      });
    }
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

for (const layer of LAYERS) {
  for (const name of layer.may) {
    if (!byName.has(name)) throw new Error(`layers.js: ${layer.name} may import unknown layer ${name}`);
  }
}

export const localPlugin = { rules: { layers: layersRule } };
