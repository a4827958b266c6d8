import type { Plugin } from 'vite';
import type { OutputBundle, OutputChunk } from 'rollup';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The first-load weight of each page, compressed: its HTML, every file the HTML references (entry
 * script, modulepreloads, stylesheets, icon), and the entry chunk with every chunk it imports
 * statically and their CSS (chunks imported dynamically load later and are not counted). Printed at
 * every build, written to budgets.json (the README's figures come from it; packed into the jar, never
 * served), and the build fails when a page is over its budget (gzip, the larger of the two encodings).
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
      const report: Record<string, { files: number; raw: number; gzip: number; brotli: number; budget: number; paths: string[] }> = {};
      const over: string[] = [];
      for (const [page, limit] of Object.entries(limits)) {
        const files = firstLoad(bundle, page, readFileSync(join(outDir, `${page}.html`), 'utf8'));
        let raw = 0, gzip = 0, brotli = 0;
        for (const f of files) {
          const path = join(outDir, f);
          if (!existsSync(path)) throw new Error(`budgets: ${page} loads ${f}, which the build did not write`);
          const body = readFileSync(path);
          raw += body.length;
          // The same settings as precompress.ts: what is counted is what is served.
          gzip += gzipSync(body, { level: 9 }).length;
          brotli += brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
        }
        report[page] = { files: files.size, raw, gzip, brotli, budget: limit, paths: [...files].sort() };
        const kb = (n: number) => (n / 1024).toFixed(1) + ' KB';
        console.log(`[budget] ${page}: first load ${files.size} files, ${kb(raw)} raw, ${kb(gzip)} gzip, ${kb(brotli)} brotli (budget ${kb(limit)} compressed)`);
        if (gzip > limit) over.push(`${page} is ${kb(gzip)} gzip, over its budget of ${kb(limit)}`);
      }
      writeFileSync(join(outDir, 'budgets.json'), JSON.stringify(report, null, 2));
      if (over.length) throw new Error('budgets: ' + over.join('; '));
    },
  };
}

/** The files (relative to the output directory) a browser fetches to show {@code page} the first time. */
export function firstLoad(bundle: OutputBundle, page: string, html: string): Set<string> {
  const entry = Object.values(bundle).find((c): c is OutputChunk => c.type === 'chunk' && c.isEntry && c.name === page);
  if (!entry) throw new Error(`budgets: no entry chunk named ${page}`);
  const files = new Set<string>([`${page}.html`]);
  for (const m of html.matchAll(/<(?:script|link)\b[^>]*?\s(?:src|href)="\/(assets\/[^"?#]+)"/g)) files.add(m[1]);
  const visited = new Set<string>();
  const visit = (chunk: OutputChunk) => {
    if (visited.has(chunk.fileName)) return;
    visited.add(chunk.fileName);
    files.add(chunk.fileName);
    chunk.viteMetadata?.importedCss.forEach((css) => files.add(css));
    chunk.imports.forEach((name) => { const c = bundle[name]; if (c && c.type === 'chunk') visit(c); });
  };
  visit(entry);
  return files;
}
