import { mount } from 'svelte';
import App from './ui/App.svelte';
import './ui/styles.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

export default mount(App, { target });

// Offline support (service worker + update prompt) after the first paint, in its own chunk, so
// it adds nothing to the first screen. Production builds only: `vite dev` never registers one.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  const start = () => void import('./ui/pwa/register').then((m) => m.registerServiceWorker());
  if (document.readyState === 'complete') setTimeout(start, 0);
  else window.addEventListener('load', () => setTimeout(start, 0), { once: true });
}
