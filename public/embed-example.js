// The host side of embedding Accord (README, "Embedding"). A portal copies what it needs.
//
// The app's address: ?app=URL, else this page's own directory.
const appBase = new URL(new URLSearchParams(location.search).get('app') ?? './', location.href);
const appOrigin = appBase.origin;

const sampleInit = {
  accord: 1,
  type: 'init',
  mode: 'agent',
  locale: 'en',
  theme: { 'color-accent': '#6b2fa0', radius: '4px' },
  account: {
    claim: { currency: 'CNY', asOf: '2025-01-15', principal: '100000', interest: '0', penalty: '0', fees: '0', contractRatePercent: '18' },
    reference: 'PORTAL-0001',
    daysPastDue: '95',
  },
};

// Everything the app said, for the page and for tests.
window.accordMessages = [];

const $ = (id) => document.getElementById(id);

function record(message) {
  window.accordMessages.push(message);
  const item = document.createElement('li');
  const detail = message.type === 'plan-changed'
    ? ` offer ${message.offer}: ${message.plan.count} × ${message.plan.payment ?? '-'} ${message.plan.currency}, total ${message.plan.totalPaid}`
    : message.type === 'resize' ? ` ${message.height}px` : message.type === 'ready' ? ` (${message.mode})` : '';
  item.textContent = `${message.type}${detail}`;
  $('messages').append(item);
  if (message.type === 'agreed') {
    $('agreement').textContent = JSON.stringify(message.agreement, null, 2);
  }
}

// Each mode is its own page and bundle of the app: the agent's workspace and the debtor's
// page (a debtor's phone never downloads the workspace).
const pageOf = (mode) => (mode === 'debtor' ? 'pay.html' : 'index.html');
const bundleOf = (mode) => (mode === 'debtor' ? 'accord-pay' : 'accord-web');

// 1. iframe: talk only to the app's exact origin, only with that frame.
const frame = $('accord-frame');
// The mode of the page in the frame, as its `ready` said.
let frameMode = 'agent';
$('init-message').value = JSON.stringify(sampleInit, null, 2);
frame.style.width = '100%';
frame.style.border = '0';
frame.style.height = '600px';
frame.src = new URL('index.html', appBase).href;

function sendInit() {
  let message;
  try {
    message = JSON.parse($('init-message').value);
  } catch (error) {
    $('messages').append(Object.assign(document.createElement('li'), { textContent: `not JSON: ${error.message}` }));
    return;
  }
  const mode = message.mode ?? 'agent';
  if (mode !== frameMode) {
    // The other mode's page: the init goes when that page says `ready`.
    frame.src = new URL(pageOf(mode), appBase).href;
    return;
  }
  frame.contentWindow.postMessage(message, appOrigin);
}

// A frame that never says `ready` is almost always an origin the app does not allow: say so
// on the page, not only in the app's console.
let silence;
frame.addEventListener('load', () => {
  clearTimeout(silence);
  silence = setTimeout(() => {
    $('frame-status').textContent = `The app did not answer. Add this page's origin (${location.origin}) ` +
      "to allowedOrigins in the app's deployment.json, and to its frame-ancestors header.";
  }, 3000);
});

window.addEventListener('message', (event) => {
  if (event.origin !== appOrigin || event.source !== frame.contentWindow) return;
  const message = event.data;
  if (message?.accord !== 1) return;
  record(message);
  if (message.type === 'ready') {
    clearTimeout(silence);
    $('frame-status').textContent = '';
    frameMode = message.mode;
    sendInit();
  }
  if (message.type === 'resize') frame.style.height = `${message.height}px`;
});
$('send-init').addEventListener('click', sendInit);

// 2. Direct mount: the app's module, from the same origin.
let handle;
$('mount').addEventListener('click', async () => {
  try {
    // Accord's styles (scoped to its element) and the mounted app's breakpoints.
    if (!document.querySelector('link[data-accord-style]')) {
      // workspace.css only for the agent's workspace; the debtor's view needs style.css alone.
      for (const file of ['style.css', 'workspace.css', 'mount.css']) {
        const style = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: new URL(file, appBase).href });
        style.dataset.accordStyle = '';
        document.head.append(style);
      }
    }
    const { accord: _version, type: _type, ...config } = JSON.parse($('init-message').value);
    const bundle = bundleOf(config.mode);
    const accord = await import(new URL(`${bundle}.js`, appBase).href);
    await accord.default({ module_or_path: new URL(`${bundle}_bg.wasm`, appBase) });
    handle = accord.mount($('accord-mount'), { ...config, onMessage: record });
    $('mount').disabled = true;
    $('unmount').disabled = false;
    $('mount-status').textContent = 'Mounted.';
  } catch (error) {
    $('mount-status').textContent = `Could not mount: ${error.message}`;
  }
});
$('unmount').addEventListener('click', () => {
  handle?.unmount();
  handle = undefined;
  $('mount').disabled = false;
  $('unmount').disabled = true;
  $('mount-status').textContent = 'Unmounted.';
});
