import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// The renderer: built into dist/renderer, served by scripts/serve-web.mjs or loaded by Electron.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [vue()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
  server: { host: '127.0.0.1', fs: { allow: ['..'] } },
});
