/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

export default defineConfig(({ mode }) => ({
  plugins: [svelte(), svelteTesting()],
  base: './',
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
    // The Markdown tests read the end-to-end test's XSS corpus (tests/fixtures/xss.txt).
    fs: mode === 'test' ? { allow: ['.', '../tests/fixtures'] } : undefined,
  },
  build: {
    target: 'es2021',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
  },
  // Svelte's server build has no mount(): component tests must resolve the browser build.
  resolve: mode === 'test' ? { conditions: ['browser'] } : undefined,
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/tests/setup.ts'],
    include: ['src/**/*.test.ts'],
  },
}));
