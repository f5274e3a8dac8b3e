import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { firedrillScenarios } from './scripts/vite-plugin-scenarios';
import { playScreenPreload } from './scripts/vite-plugin-play-preload';
import { socialMeta } from './scripts/vite-plugin-social';
import { contentSecurityPolicy } from './scripts/vite-plugin-csp';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  // Relative asset URLs: the built site works at https://host/ and at https://host/any/sub/path/.
  // Routing is hash-only (#/play/<id>), so the server never needs to know our routes.
  base: './',
  plugins: [
    svelte(),
    firedrillScenarios(),
    playScreenPreload(),
    // After the preload plugin: the policy <meta> must come first in <head> (build only).
    contentSecurityPolicy(),
    socialMeta(),
    // Offline after the first visit: a Workbox service worker precaches every built file (the app,
    // all scenario chunks, the lazy engine/panels/metrics/openapi chunks, icons), so the whole
    // game plays with the network off. 'prompt': a new version waits for "Update available —
    // reload" (src/ui/pwa), which saves the game first. Registered lazily from main.ts (no
    // injected script), and never in `vite dev`, where a worker would serve stale builds.
    VitePWA({
      registerType: 'prompt',
      injectRegister: null,
      // globPatterns below already lists public/ (icons, favicon); the plugin adds the manifest.
      includeManifestIcons: false,
      manifest: {
        name: 'Firedrill — Kubernetes incident drills',
        short_name: 'Firedrill',
        description: 'Practise Kubernetes incident response in a simulated kubectl terminal, right in your browser.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#0f141a',
        theme_color: '#0f141a',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png}'],
        // The play screen chunk (xterm) is ~400 kB; leave headroom under the 2 MiB default.
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
      devOptions: { enabled: false },
    }),
  ],
  build: {
    target: 'es2022',
    // The play screen (xterm) is a separate chunk, and the game's engine (simulator + kubectl,
    // ~410 kB) another one fetched after the prompt is up; keep the first screen lean.
    chunkSizeWarningLimit: 450,
    rolldownOptions: {
      output: {
        // Small modules shared by the play screen and lazy chunks (the engine, the picker, the
        // update prompt) became a chunk each (0.1-1.1 KiB): one chunk instead of four before the
        // play prompt (-0.2 KiB gzip, 3 requests fewer).
        codeSplitting: {
          groups: [
            {
              name: 'shared',
              test: /src[\\/](incident[\\/](updates|api)|ui[\\/]pwa[\\/]beforeReload|ui[\\/]custom[\\/]customKey)\.ts$/,
            },
          ],
        },
      },
    },
  },
});
