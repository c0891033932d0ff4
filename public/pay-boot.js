const id = /^#id=([A-Za-z0-9_-][A-Za-z0-9._-]{0,63})$/.exec(location.hash)?.[1];
if (id) document.head.append(Object.assign(document.createElement('link'), { rel: 'preload', as: 'fetch', crossOrigin: 'anonymous', href: `offers/${id}.txt` }));
const glue = import('./accord-pay.js');
for (const tag of ['zh-CN', 'en']) new Date(0).toLocaleString(tag, { dateStyle: 'medium', timeStyle: 'short' });
const { default: init, start } = await glue;
await init({ module_or_path: new URL('./accord-pay_bg.wasm', import.meta.url) });
start();
