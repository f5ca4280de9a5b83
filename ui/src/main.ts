import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { flushOnPageHide, installCloseGuard } from './lib/close-guard';
import { pickBackend } from './lib/pick-backend';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

const app = mount(App, { target, props: { backend: pickBackend() } });

// Notes are saved before the window closes (and, as a last resort, when the page goes away).
flushOnPageHide();
if ('__TAURI_INTERNALS__' in window) {
  installCloseGuard((message) => window.alert(message)).catch((error: unknown) => {
    console.error('The close guard could not be installed', error);
  });
}

export default app;
