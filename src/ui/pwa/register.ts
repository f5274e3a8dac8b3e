/**
 * Offline support, loaded after the first paint (see main.ts) so it costs the first screen
 * nothing. vite-plugin-pwa (Workbox) generates sw.js, which precaches the whole build: the app,
 * every scenario chunk and the lazily loaded engine, panels, metrics and openapi chunks, so a
 * second visit plays fully offline. With registerType 'prompt' a new version waits until the
 * learner chooses "Reload"; we save every open game before the page reloads.
 */
import { mount } from 'svelte';
import { registerSW } from 'virtual:pwa-register';
import UpdateBanner from './UpdateBanner.svelte';
import { flushBeforeReload } from './beforeReload';

export function registerServiceWorker(): void {
  let banner: ReturnType<typeof mount> | undefined;
  const reload = async () => {
    await flushBeforeReload();
    window.location.reload();
  };
  const updateSW = registerSW({
    onNeedRefresh() {
      if (banner) return;
      const host = document.createElement('div');
      document.body.append(host);
      banner = mount(UpdateBanner, {
        target: host,
        props: {
          onreload: async () => {
            await flushBeforeReload();
            // Activates the waiting worker; onNeedReload below reloads once it controls the page.
            await updateSW(true);
          },
        },
      });
    },
    // Another tab accepted the update (or ours did): save, then reload into the new version.
    onNeedReload() {
      void reload();
    },
  });
}
