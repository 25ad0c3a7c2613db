// Renderer. Saves files for the clerk: small base64 payloads (the import report) through a Blob URL (no data:
// URLs, CSP-safe); exports, which the main process has already written, from the browser host's download URL.
import { captureToken } from '../api/token';
const MIME: Readonly<Record<string, string>> = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function bytesToBase64(bytes: Uint8Array): string {
  // Chunked: String.fromCharCode on a 50 MB array at once overflows the call stack.
  let bin = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(bin);
}

export function downloadBase64(fileName: string, contentBase64: string): void {
  const ext = fileName.split('.').pop()?.toLowerCase() ?? '';
  const blob = new Blob([base64ToBytes(contentBase64)], { type: MIME[ext] ?? 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  clickDownload(url, fileName);
  // Revoke later: some browsers start the download asynchronously after click().
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Clicks a link, so the browser's download manager takes the file and the page stays where it is. */
function clickDownload(href: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/**
 * An export the browser host wrote: fetched once from its download URL, with the access token in the query
 * (a link cannot send headers). In Electron there is no URL: the file is already where the clerk saved it.
 */
export function downloadExport(downloadUrl: string, fileName: string): void {
  const token = captureToken();
  const href = token ? `${downloadUrl}?token=${encodeURIComponent(token)}` : downloadUrl;
  clickDownload(href, fileName);
}
