/// <reference types="vitest" />
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { VantResolver } from '@vant/auto-import-resolver';
import { VitePWA } from 'vite-plugin-pwa';
import { resolve } from 'node:path';
import { budgets } from './build/budgets';
import { precompress } from './build/precompress';

// Two pages, one build: the console at / (index.html) and the responder app at /app (app.html).
// The output lands in ../target/frontend/web, which Maven packs into the jar as classpath web/.
// Every asset is hashed (served immutable); the HTML is revalidated on every load.
export default defineConfig({
  base: '/',
  plugins: [
    vue(),
    // Element Plus and Vant components (and their CSS) imported on demand, not whole libraries.
    Components({
      dts: false,
      resolvers: [ElementPlusResolver({ importStyle: 'css' }), VantResolver({ importStyle: true })],
    }),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/app',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: false,
      injectManifest: {
        // Only the responder app's shell is precached: never the console's bundles.
        globPatterns: ['app.html', 'assets/**/*.{js,css,svg}'],
      },
    }),
    precompress(),
    budgets({ index: 450 * 1024, app: 200 * 1024 }),
  ],
  build: {
    outDir: '../target/frontend/web',
    emptyOutDir: true,
    target: 'es2019',
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      input: { index: resolve(__dirname, 'index.html'), app: resolve(__dirname, 'app.html') },
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
  },
});
