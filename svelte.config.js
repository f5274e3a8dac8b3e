import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

export default {
  preprocess: vitePreprocess(),
  // No `window.__svelte.v` registration in the bundle: nothing reads it, and it is first-load bytes.
  compilerOptions: { discloseVersion: false },
};
