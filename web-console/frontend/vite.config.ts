/// <reference types="vitest" />
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { VantResolver } from '@vant/auto-import-resolver';
import { VitePWA } from 'vite-plugin-pwa';
import type { Plugin } from 'vite';
import type { OutputChunk } from 'rollup';
import { resolve } from 'node:path';
import { budgets } from './build/budgets';
import { precompress } from './build/precompress';

// The files the responder app loads (its entry, every chunk it imports, statically or lazily, their
// CSS and assets): the service worker precaches these and nothing of the console's, so a phone
// never downloads Element Plus or ECharts.
const appFiles = new Set<string>();
function appClosure(): Plugin {
  return {
    name: 'sanwang-app-closure',
    apply: 'build',
    generateBundle(_options, bundle) {
      appFiles.clear();
      const entry = Object.values(bundle).find((c): c is OutputChunk => c.type === 'chunk' && c.isEntry && c.name === 'app');
      const visit = (chunk: OutputChunk) => {
        if (appFiles.has(chunk.fileName)) return;
        appFiles.add(chunk.fileName);
        chunk.viteMetadata?.importedCss.forEach((f) => appFiles.add(f));
        chunk.viteMetadata?.importedAssets.forEach((f) => appFiles.add(f));
        [...chunk.imports, ...chunk.dynamicImports].forEach((name) => {
          const c = bundle[name];
          if (c && c.type === 'chunk') visit(c);
        });
      };
      if (entry) visit(entry);
    },
  };
}

// Vant's icon font is declared with a CDN address (at.alicdn.com) and a data: URL, both refused by the
// hub's CSP and neither allowed on an intranet: the declaration goes, the app draws its icons as SVG.
function noVantIconFont(): Plugin {
  return {
    name: 'sanwang-no-vant-icon-font',
    enforce: 'pre',
    transform(code, id) {
      if (!/vant[\\/]es[\\/]icon[\\/]index\.css/.test(id)) return null;
      return { code: code.replace(/@font-face\s*\{[^}]*\}/g, ''), map: null };
    },
  };
}

// Two pages, one build: the console at / (index.html) and the responder app at /app (app.html).
// The output lands in ../target/frontend/web, which Maven packs into the jar as classpath web/.
// Every asset is hashed (served immutable); the HTML is revalidated on every load.
export default defineConfig({
  base: '/',
  plugins: [
    vue(),
    noVantIconFont(),
    appClosure(),
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
        // Only the responder app's shell is precached: never the console's bundles (see appClosure).
        globPatterns: ['app.html', 'app-manifest.webmanifest', 'assets/**/*.{js,css,svg,png}'],
        manifestTransforms: [async (entries) => ({
          manifest: entries
            .filter((e) => e.url === 'app.html' || e.url === 'app-manifest.webmanifest' || e.url.startsWith('assets/app-icon') || /^assets\/icon-[\w-]+\.svg$/.test(e.url)
              || appFiles.has(e.url))
            // Served at /app and /app/manifest.webmanifest; everything else from the site root.
            .map((e) => ({ ...e, url: e.url === 'app.html' ? '/app' : e.url === 'app-manifest.webmanifest' ? '/app/manifest.webmanifest' : '/' + e.url })),
          warnings: [],
        })],
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
    // Vant's components import their CSS: let Vite (not Node) load them in component tests.
    server: { deps: { inline: ['vant'] } },
  },
});
