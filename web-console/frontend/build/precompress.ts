import type { Plugin } from 'vite';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes a .gz and a .br beside every text file of the output (after every other plugin, the service
 * worker included), so the hub serves them as they are without compressing per request.
 */
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
        // The hub serves a variant only when it exists, so one that would not be smaller is not written.
        const gz = gzipSync(body, { level: 9 });
        const br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
        if (gz.length < body.length) writeFileSync(file + '.gz', gz);
        if (br.length < body.length) writeFileSync(file + '.br', br);
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
