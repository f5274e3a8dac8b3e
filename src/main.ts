// First: before any zod schema exists (see zodConfig.ts).
import './zodConfig';
import { mount } from 'svelte';
import App from './ui/App.svelte';
import './ui/styles.css';

// Before the first paint: the theme chosen last time (src/ui/theme.ts keeps this copy of the
// setting). Inline, so the first screen and the play prompt load nothing more for it.
try {
  const theme = localStorage.getItem('firedrill-theme');
  if (theme === 'light' || theme === 'dark') {
    document.documentElement.dataset.theme = theme;
    // Both theme-color metas (one per device scheme) take the chosen theme's colour.
    for (const meta of document.querySelectorAll('meta[name="theme-color"]')) meta.setAttribute('content', theme === 'dark' ? '#0f141a' : '#f6f8fa');
  }
} catch {
  // Storage blocked: System, which the stylesheet follows by itself.
}

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

export default mount(App, { target });

// Offline support (service worker + update prompt) in its own chunk, started a few seconds after
// the page has loaded and the browser is idle: it adds nothing to what the first screen or the
// play screen's prompt waits for. Production builds only: `vite dev` never registers one.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  const start = () => void import('./ui/pwa/register').then((m) => m.registerServiceWorker());
  const later = () =>
    setTimeout(() => ('requestIdleCallback' in window ? requestIdleCallback(start, { timeout: 5000 }) : start()), 3000);
  if (document.readyState === 'complete') later();
  else window.addEventListener('load', later, { once: true });
}
