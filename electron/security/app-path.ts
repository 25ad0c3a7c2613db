// Main process. Maps an app:// URL to a file under the renderer's build folder, or refuses it.
import path from 'node:path';
import { APP_ORIGIN } from './app-origin';

/** Segments vite emits: letters, digits, `_ - . @ ~ +`; no leading dot (no `..`, no hidden files). */
const SAFE_SEGMENT = /^[A-Za-z0-9_@~+-][A-Za-z0-9._@~+-]*$/;

function decodeSegment(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    // Malformed escapes (`%zz`, lone `%`) are refused rather than guessed at.
    return null;
  }
}

/**
 * The path part of an app:// URL as the browser sent it, before any normalisation, so that `..`,
 * encoded separators and backslashes are seen and refused instead of being resolved away.
 */
function rawPathOf(url: string): string | null {
  if (!url.toLowerCase().startsWith(`${APP_ORIGIN}/`)) return null;
  const rest = url.slice(APP_ORIGIN.length);
  const end = rest.search(/[?#]/);
  return end === -1 ? rest : rest.slice(0, end);
}

/**
 * The absolute file a request may read, or null when the URL is foreign or tries to leave `root`.
 * `/` and the empty path mean index.html.
 */
export function resolveAppPath(url: string, root: string): string | null {
  const rawPath = rawPathOf(url);
  if (rawPath === null) return null;
  const segments = rawPath.split('/').slice(1);
  if (segments.length === 1 && segments[0] === '') return path.join(root, 'index.html');
  const decoded: string[] = [];
  for (const raw of segments) {
    const segment = decodeSegment(raw);
    // Every check runs on the decoded text: `%2e%2e`, `%2f`, `%5c` and `%00` are the same attack encoded.
    if (segment === null || !SAFE_SEGMENT.test(segment)) return null;
    decoded.push(segment);
  }
  const resolved = path.resolve(root, ...decoded);
  const relative = path.relative(root, resolved);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return resolved;
}
