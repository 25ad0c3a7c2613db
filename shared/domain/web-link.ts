// Runs everywhere. The one rule for links to invoice files (pdfUrl, Wangdiantong file_path): web links only.
// Every boundary that takes such a link (Suning answers, the invoice editor, imported rows, the request to
// the ERP) reads it through readWebLink, so a `javascript:` or `file:` link can neither be stored, nor
// shown as a link, nor written into the ERP where someone else would click it.
import { z } from 'zod';
import type { Bilingual } from '../errors';
import { findUnsafeIdentifierChar } from './safe-text';

export type WebLink = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly reason: Bilingual };

const HTTP = /^https?:\/\//i;
/** `name:` at the start: a scheme (javascript:, file:, data:, mailto:, smb:…) unless it is `host:port`. */
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
/** `www.suning.com`, `fp.example.cn:8443/a.pdf?x=1`: a dotted ASCII host name, optional port, then a path. */
const SCHEMELESS_HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9](?::\d{1,5})?(?:[/?#]|$)/i;
/** What no web link contains raw: spaces, quotes and angle brackets, backslashes (Windows paths, `\\server`). */
const FORBIDDEN = /[\s"'<>\\`]/u;

/**
 * http(s), a dotted ASCII host (so no user:password@), optional port, then a path without spaces (hidden
 * characters and quotes are refused before this is tried).
 */
const PLAIN = /^https?:\/\/(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9-]*[a-z0-9](?::\d{1,5})?(?:[/?#]\S*)?$/i;

function refuse(zh: string, en: string): WebLink {
  return { ok: false, reason: { zh, en } };
}

/** True for an http(s) URL with a host and no user:password@. */
function plainHttp(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '' && u.username === '' && u.password === '';
}

/**
 * '' stays '' (no link). An http(s) URL is kept as written; a scheme-less host link such as Suning's own
 * sample `www.suning.com` (or `//host/…`) is read as `https://…` and returned that way, so it is stored, shown
 * and sent as the https link it means. Anything else is refused with the reason.
 */
export function readWebLink(raw: string): WebLink {
  const text = raw.trim();
  if (text === '') return { ok: true, url: '' };
  const bad = findUnsafeIdentifierChar(text);
  if (bad !== null) {
    return refuse(`链接中有不可见或控制字符 ${bad.label}（第 ${bad.position} 个字符）`, `the link contains ${bad.label} at character ${bad.position}`);
  }
  // Nearly every link is a plain https://host.name/path: no URL parser needed (imports read a million).
  if (PLAIN.test(text) && !FORBIDDEN.test(text)) return { ok: true, url: text };
  let url: string;
  if (HTTP.test(text)) url = text;
  else if (text.startsWith('//')) url = `https:${text}`;
  else if (SCHEMELESS_HOST.test(text)) url = `https://${text}`;
  else if (SCHEME.test(text)) {
    const scheme = (SCHEME.exec(text)?.[0] ?? '').slice(0, 40);
    return refuse(`只接受 http:// 或 https:// 网页链接，不接受“${scheme}”链接`, `only http:// or https:// web links are accepted, not "${scheme}" links`);
  } else {
    return refuse('不是网页链接（应为 https://… 或 www.… 这样的地址）', 'not a web link (expected https://… or an address such as www.…)');
  }
  if (FORBIDDEN.test(text)) {
    return refuse('链接中不能有空格、引号、尖括号或反斜杠', 'a link must not contain spaces, quotes, angle brackets or backslashes');
  }
  if (!plainHttp(url) || /^https?:\/\/[/\\]/i.test(url)) {
    return refuse('不是有效的网页链接（缺少主机名，或含有 用户名:密码@）', 'not a valid web link (no host name, or it carries user:password@)');
  }
  return { ok: true, url };
}

/** readWebLink's reason prefixed with the field, for messages about one field. */
export function webLinkProblem(field: Bilingual, raw: string): Bilingual | null {
  const r = readWebLink(raw);
  return r.ok ? null : { zh: `${field.zh}：${r.reason.zh}`, en: `${field.en}: ${r.reason.en}` };
}

/** A zod string read through readWebLink: its output is the link as stored and sent (pipe a length rule after). */
export function webLinkSchema(label: Bilingual) {
  return z.string({ error: `${label.zh}必须是文本 / ${label.en} must be text` }).transform((s, ctx) => {
    const r = readWebLink(s);
    if (r.ok) return r.url;
    ctx.addIssue({ code: 'custom', message: `${label.zh}：${r.reason.zh} / ${label.en}: ${r.reason.en}` });
    return z.NEVER;
  });
}
