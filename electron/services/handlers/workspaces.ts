// Main process. Handlers of the workspaces:* channels: bound to the app's workspace session (workspaces/session.ts).
// A host that opened one store directly (tests, support) has none: the list says so, the changes are refused.
import type { ChannelOutput, HandlerTable, ParsedInput } from '../../../shared/api/contract';
import { AppError } from '../../../shared/errors';
import { writes } from './behaviour';

type WorkspaceHandlers = Pick<HandlerTable, 'workspaces:list' | 'workspaces:create' | 'workspaces:rename' | 'workspaces:delete' | 'workspaces:switch'>;

export interface WorkspaceControl {
  list(): Promise<ChannelOutput<'workspaces:list'>>;
  create(input: ParsedInput<'workspaces:create'>): Promise<ChannelOutput<'workspaces:create'>>;
  rename(input: ParsedInput<'workspaces:rename'>): Promise<ChannelOutput<'workspaces:rename'>>;
  delete(input: ParsedInput<'workspaces:delete'>): Promise<ChannelOutput<'workspaces:delete'>>;
  switch(input: ParsedInput<'workspaces:switch'>): Promise<ChannelOutput<'workspaces:switch'>>;
}

function unmanaged(): AppError {
  return new AppError('forbidden', {
    zh: '此程序直接打开了一个数据库，没有账套可管理。',
    en: 'This process opened one store directly; it has no workspaces to manage.',
  });
}

export function workspaceHandlers(control: WorkspaceControl | null): WorkspaceHandlers {
  return {
    async 'workspaces:list'() {
      return control ? control.list() : { managed: false, workspaces: [], currentId: null };
    },
    'workspaces:create': writes(async (input) => {
      if (!control) throw unmanaged();
      return control.create(input);
    }),
    'workspaces:rename': writes(async (input) => {
      if (!control) throw unmanaged();
      return control.rename(input);
    }),
    'workspaces:delete': writes(async (input) => {
      if (!control) throw unmanaged();
      return control.delete(input);
    }),
    'workspaces:switch': writes(async (input) => {
      if (!control) throw unmanaged();
      return control.switch(input);
    }),
  };
}
