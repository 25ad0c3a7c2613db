// Runs everywhere. Workspaces (账套): each is its own store, settings and secrets. Practice mode is one of them
// (kind 'practice'); a merchant's real accounts live in a workspace of kind 'real', which starts empty.
import { z } from 'zod';
import { freeTextCheck } from '../domain/safe-text';

export const WORKSPACE_KINDS = ['practice', 'real'] as const;
export const workspaceKindSchema = z.enum(WORKSPACE_KINDS);
export type WorkspaceKind = z.infer<typeof workspaceKindSchema>;

/** Folder names the app makes itself: lowercase letters, digits and '-', never '.' or '..' or a path. */
export const workspaceIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, '账套编号无效 / Invalid workspace id');

export const WORKSPACE_NAME_MAX = 40;
const NAME_LABEL = { zh: '账套名称', en: 'Workspace name' };
/** What the clerk calls it: free text (trimmed, 1–40 characters, no control characters or lone surrogates). */
export const workspaceNameSchema = z.string()
  .transform((s) => s.normalize('NFC').trim())
  .pipe(z.string()
    .min(1, '请填写账套名称 / Enter a workspace name')
    .max(WORKSPACE_NAME_MAX, `账套名称最多 ${WORKSPACE_NAME_MAX} 个字符 / A workspace name has at most ${WORKSPACE_NAME_MAX} characters`)
    // eslint-disable-next-line no-control-regex -- exactly what is refused: control characters in a name
    .regex(/^[^\u0000-\u001f\u007f-\u009f]*$/, '账套名称不能包含控制字符（如换行、制表符） / A workspace name cannot contain control characters (line breaks, tabs)')
    .superRefine(freeTextCheck(NAME_LABEL)));

export const workspaceSchema = z.object({
  id: workspaceIdSchema,
  name: z.string(),
  kind: workspaceKindSchema,
  createdAt: z.string(),
});
export type Workspace = z.infer<typeof workspaceSchema>;

export const workspacesListOutput = z.object({
  /** False where the host opens one store directly (tests, support): no switcher then. */
  managed: z.boolean(),
  workspaces: z.array(workspaceSchema),
  currentId: workspaceIdSchema.nullable(),
});
export type WorkspacesList = z.infer<typeof workspacesListOutput>;

export const workspaceCreateInput = z.object({ name: workspaceNameSchema, kind: workspaceKindSchema }).strict();
export const workspaceRenameInput = z.object({ id: workspaceIdSchema, name: workspaceNameSchema }).strict();
/** `confirmName`: the clerk types the workspace's name; it must match exactly (after trimming). */
export const workspaceDeleteInput = z.object({ id: workspaceIdSchema, confirmName: z.string().max(200) }).strict();
export const workspaceSwitchInput = z.object({ id: workspaceIdSchema }).strict();
