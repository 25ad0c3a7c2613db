// Node (Vitest). Behaviour declared at each handler (electron/services/handlers/behaviour.ts), read off the real core's table.
import { afterAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../../shared/api/contract';
import { createAppCore } from '../../../../electron/services/app-core';
import { behaviourOf } from '../../../../electron/services/handlers/behaviour';
import { tempDir, testCipher } from '../../../support/core-harness';

const dir = tempDir();
const core = await createAppCore({ dataDir: dir.dir, host: 'browser', cipher: testCipher(), version: 'test', resumeJobs: false, restorePractice: false });
afterAll(async () => {
  await core.close();
  dir.remove();
});

describe('declared handler behaviour', () => {
  it('gates exactly the channels that write on the main thread (the former WRITING_CHANNELS list)', () => {
    const writing = CHANNELS.filter((c) => behaviourOf(core.handlers[c]).writes);
    expect(writing.sort()).toEqual([
      'archive:start', 'auto:cancel', 'auto:start', 'export:archive', 'export:invoices', 'export:submissions', 'invoices:applySuning', 'invoices:applySuningBulk', 'invoices:chooseSplit', 'invoices:setNote', 'invoices:undoApplySuning', 'invoices:update', 'jobs:cancel', 'jobs:startQuery',
      'jobs:startSubmit', 'practice:start', 'settings:setSecret', 'settings:update', 'submissions:resend', 'submit:markFailed', 'submit:override',
      'workspaces:create', 'workspaces:delete', 'workspaces:rename', 'workspaces:switch',
    ]);
  });

  it('marks only settings:setSecret as carrying a secret, also behind the write gate wrapper', () => {
    expect(CHANNELS.filter((c) => behaviourOf(core.handlers[c]).secretInput)).toEqual(['settings:setSecret']);
  });
});
