import type { Plugin } from 'vite';
import type { OutputBundle, OutputChunk } from 'rollup';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The first-load weight of each page, compressed: its HTML, its entry chunk with every chunk that
 * chunk imports statically, and their CSS. Printed at every build, written to budgets.json (the
 * README's figures come from it), and the build fails when a page is over its budget.
 */
export function budgets(limits: Record<string, number>): Plugin {
  let outDir = '';
  let bundle: OutputBundle | undefined;
  return {
    name: 'sanwang-budgets',
    apply: 'build',
    enforce: 'post',
    configResolved(config) { outDir = config.build.outDir; },
    generateBundle(_options, output) { bundle = output; },
    closeBundle() {
      if (!bundle) return;
      const report: Record<string, { files: number; raw: number; gzip: number; brotli: number; budget: number }> = {};
      const over: string[] = [];
      for (const [page, limit] of Object.entries(limits)) {
        const entry = Object.values(bundle).find((c): c is OutputChunk => c.type === 'chunk' && c.isEntry && c.name === page);
        if (!entry) throw new Error(`budgets: no entry chunk named ${page}`);
        const files = new Set<string>([`${page}.html`]);
        const visit = (chunk: OutputChunk) => {
          if (files.has(chunk.fileName)) return;
          files.add(chunk.fileName);
          chunk.viteMetadata?.importedCss.forEach((css) => files.add(css));
          chunk.imports.forEach((name) => { const c = bundle![name]; if (c && c.type === 'chunk') visit(c); });
        };
        visit(entry);
        let raw = 0, gzip = 0, brotli = 0;
        for (const f of files) {
          const path = join(outDir, f);
          if (!existsSync(path)) continue;
          const body = readFileSync(path);
          raw += body.length;
          gzip += gzipSync(body, { level: 9 }).length;
          brotli += brotliCompressSync(body).length;
        }
        report[page] = { files: files.size, raw, gzip, brotli, budget: limit };
        const kb = (n: number) => (n / 1024).toFixed(1) + ' KB';
        console.log(`[budget] ${page}: first load ${files.size} files, ${kb(raw)} raw, ${kb(gzip)} gzip, ${kb(brotli)} brotli (budget ${kb(limit)} compressed)`);
        if (gzip > limit) over.push(`${page} is ${kb(gzip)} gzip, over its budget of ${kb(limit)}`);
      }
      writeFileSync(join(outDir, 'budgets.json'), JSON.stringify(report, null, 2));
      if (over.length) throw new Error('budgets: ' + over.join('; '));
    },
  };
}
