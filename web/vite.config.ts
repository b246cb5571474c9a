import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The web app is built into dist/web and served by the Nest service at `/` (see src/app.factory.ts). */
export default defineConfig({
  root,
  base: './',
  // Every file over 1 KB is also written as .gz and .br (best compression: it is done once, at build), and the service
  // sends the one the browser accepts (express-static-gzip in src/app.factory.ts).
  plugins: [
    preact(),
    compression({
      threshold: 1024,
      algorithms: [defineAlgorithm('gzip', { level: 9 }), defineAlgorithm('brotliCompress', {})],
    }),
  ],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 300,
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
