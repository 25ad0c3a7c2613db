// Main process. The one check before a host opens or serves an archived e-invoice file (打开原件): the path must
// name a regular file in the data folder's archive, laid out as the store writes it (`ab/<sha256>.pdf`), and
// must stay there once links are resolved — a `..`, an absolute path elsewhere, a symlink (to anything) or a
// folder swapped for a link to somewhere else is refused. The renderer never names a path; this guards what
// the main process itself computed against a tampered data folder.
import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';

/** What the store writes: two hex digits, then the full SHA-256, `.pdf`. */
const STORED = /^[0-9a-f]{2}[/\\][0-9a-f]{64}\.pdf$/;

function inside(root: string, candidate: string): string | null {
  const rel = path.relative(root, candidate);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return rel;
}

/**
 * The real path of `candidate` when it is a stored archive file under `root`; null for anything else (and
 * for a file that does not exist). Never throws for a bad path.
 */
export async function resolveArchivedFile(root: string, candidate: string): Promise<string | null> {
  if (!path.isAbsolute(root) || !path.isAbsolute(candidate)) return null;
  // Checked as given, before anything is resolved: `..` and other spellings are refused, not normalised away.
  if (candidate.split(/[/\\]/).includes('..')) return null;
  const rel = inside(root, candidate);
  if (rel === null || !STORED.test(rel)) return null;
  try {
    const st = await lstat(candidate);
    if (st.isSymbolicLink() || !st.isFile()) return null;
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(candidate)]);
    const realRel = inside(realRoot, realFile);
    return realRel !== null && STORED.test(realRel) ? realFile : null;
  } catch {
    // Missing, unreadable or raced away: nothing to open.
    return null;
  }
}
