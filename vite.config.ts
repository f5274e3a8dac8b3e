import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { firedrillScenarios } from './scripts/vite-plugin-scenarios';
import { playScreenPreload } from './scripts/vite-plugin-play-preload';
import { socialMeta } from './scripts/vite-plugin-social';

export default defineConfig({
  // Relative asset URLs: the built site works at https://host/ and at https://host/any/sub/path/.
  // Routing is hash-only (#/play/<id>), so the server never needs to know our routes.
  base: './',
  plugins: [svelte(), firedrillScenarios(), playScreenPreload(), socialMeta()],
  build: {
    target: 'es2022',
    // The play screen (xterm) is a separate chunk, and the game's engine (simulator + kubectl,
    // ~410 kB) another one fetched after the prompt is up; keep the first screen lean.
    chunkSizeWarningLimit: 450,
  },
});
