import { defineConfig } from 'vite';

// A static app: relative paths, so the built `dist/` can be served from any directory.
export default defineConfig({
  base: './',
  build: { target: 'es2022', chunkSizeWarningLimit: 2048 },
});
