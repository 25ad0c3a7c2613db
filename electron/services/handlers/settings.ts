// Main process. Handlers of the settings:* channels.
import { AppError } from '../../../shared/errors';
import type { ChannelOutput, HandlerTable } from '../../../shared/api/contract';
import { SECRET_NAMES } from '../../secrets/vault';
import { testConnection } from '../connection-test';
import type { CoreServices } from '../core-services';
import { secretInput, writes } from './behaviour';

type SettingsHandlers = Pick<HandlerTable, 'settings:get' | 'settings:update' | 'settings:setSecret' | 'settings:testConnection'>;

export function settingsView(s: CoreServices): ChannelOutput<'settings:get'> {
  const secrets = Object.fromEntries(SECRET_NAMES.map((n) => [n, s.secrets.status(n)])) as ChannelOutput<'settings:get'>['secrets'];
  return {
    settings: s.settings.get(),
    secrets,
    secretStorage: s.vault
      ? { backend: s.vault.backend, weak: s.vault.weak, accepted: s.vault.weakAccepted() }
      : { backend: 'env', weak: false, accepted: true },
  };
}

/** Only changed keys go to the audit log, never a secret (secrets are not settings). */
function changedKeys(before: unknown, after: unknown, prefix = ''): string[] {
  if (typeof before !== 'object' || typeof after !== 'object' || before === null || after === null) {
    return JSON.stringify(before) === JSON.stringify(after) ? [] : [prefix];
  }
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].flatMap((k) => changedKeys((before as Record<string, unknown>)[k], (after as Record<string, unknown>)[k], prefix ? `${prefix}.${k}` : k));
}

export function settingsHandlers(s: CoreServices): SettingsHandlers {
  return {
    async 'settings:get'() {
      return settingsView(s);
    },
    'settings:update': writes(async (input) => {
      const { before, after } = s.settings.update(input);
      const keys = changedKeys(before, after);
      if (keys.length > 0) {
        s.repos.audit.append(s.actor, 'settings.update', null, { keys });
        s.clients.reset();
      }
      return settingsView(s);
    }),
    'settings:setSecret': writes(secretInput(async (input) => {
      if (!s.vault) {
        throw new AppError('forbidden', {
          zh: '命令行模式下密钥来自环境变量，不能在此保存',
          en: 'In the CLI, secrets come from environment variables and cannot be stored here',
        });
      }
      await s.vault.set(input.name, input.value, { acceptWeakStorage: input.acceptWeakStorage });
      s.repos.audit.append(s.actor, 'settings.secret', input.name, { configured: true });
      s.clients.reset();
      return settingsView(s);
    })),
    async 'settings:testConnection'(input) {
      const v = await testConnection(input.platform, s.clients);
      s.repos.audit.append(s.actor, 'settings.test_connection', input.platform, { verdict: v.verdict, code: v.code });
      return v;
    },
  };
}
