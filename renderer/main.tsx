// Renderer. Entry: mounts the workbench once the first screen's data is in the cache (renderer/boot.ts); the
// stylesheet is a file so CSP needs no inline script.
import { client, settled } from './boot';
import { mount } from './app/mount';
import './app/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
void settled.then(() => mount(root, client));
