import { defineConfig } from 'vitest/config';
import { firedrillScenarios } from './scripts/vite-plugin-scenarios';

// Unit and conformance tests run in Node: the pure layers never touch the DOM, and the UI's pure
// helpers (line editor, router, clock format) are written so that they need none either.
export default defineConfig({
  plugins: [firedrillScenarios()],
  test: {
    environment: 'node',
    include: ['tests/unit/**/*.test.ts', 'tests/conformance/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
