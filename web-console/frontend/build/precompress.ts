import type { Plugin } from 'vite';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes a .gz and a .br beside every text asset, so the hub serves them without compressing per request. */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'sanwang-precompress',
    apply: 'build',
    enforce: 'post',
    configResolved(config) { outDir = config.build.outDir; },
    closeBundle() {
      for (const file of walk(outDir)) {
        if (!/\.(js|css|html|svg|json|webmanifest|txt|map)$/.test(file)) continue;
        const body = readFileSync(file);
        if (body.length < 256) continue;
        writeFileSync(file + '.gz', gzipSync(body, { level: 9 }));
        writeFileSync(file + '.br', brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    },
  };
}

export function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
