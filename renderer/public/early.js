// Renderer (plain script, copied as is into the build). Runs before the app's bundle is even evaluated: sends
// the first screen's reads at once, so they are answered while the browser is still evaluating React, antd and
// zod (about half a second on a slow PC) instead of after the first render. The bundle takes each answer once
// (renderer/api/early.ts), validates it like any other, and asks again itself for anything missing here.
// The inputs must match what the hooks send byte for byte (test/unit/renderer/early.test.ts checks them).
(() => {
  const reads = [
    ['app:info', '{}'],
    ['settings:get', '{}'],
    ['jobs:active', '{}'],
    ['workspaces:list', '{}'],
  ];
  const page = window.location.hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  if (page === 'reconcile') {
    reads.push(['invoices:list', '{"filter":{},"sort":{"field":"invoiceNo","dir":"asc"},"limit":200,"cursor":null}']);
    reads.push(['invoices:counts', '{}']);
  } else if (!['import', 'history', 'settings'].includes(page)) {
    // 概览, the default page (renderer/app/routes.ts): an empty or unknown hash opens it.
    reads.push(['overview:get', '{}']);
  }
  let send;
  if (window.api) {
    send = (channel, body) => window.api.invoke(channel, JSON.parse(body));
  } else {
    let token = null;
    try {
      token = new URL(window.location.href).searchParams.get('token') || window.sessionStorage.getItem('invoice-recon.token');
    } catch {
      token = null;
    }
    if (!token) return;
    send = (channel, body) => fetch(`/api/invoke/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Invoice-Recon-Token': token },
      body,
      cache: 'no-store',
    }).then((res) => res.json());
  }
  const early = {};
  for (const [channel, body] of reads) {
    const answer = send(channel, body);
    answer.catch(() => undefined);
    early[`${channel} ${body}`] = answer;
  }
  window.__invoiceReconEarly = early;
})();
