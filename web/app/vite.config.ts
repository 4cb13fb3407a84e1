import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/** The budget for the production bundle (every JS and CSS file the page loads), gzipped. */
const BUDGET_BYTES = 150 * 1024;

/** Measures what the browser downloads, gzipped, and fails the build over budget. */
function bundleBudget(): Plugin {
  return {
    name: 'parley-bundle-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      let total = 0;
      const lines: string[] = [];
      for (const [name, output] of Object.entries(bundle)) {
        const source = output.type === 'chunk' ? output.code : output.source;
        const gzipped = gzipSync(typeof source === 'string' ? source : Buffer.from(source)).length;
        total += gzipped;
        lines.push(`  ${name}: ${(gzipped / 1024).toFixed(1)} KB gzipped`);
      }
      const summary = `bundle ${(total / 1024).toFixed(1)} KB gzipped (budget ${BUDGET_BYTES / 1024} KB)`;
      this.info(`\n${lines.join('\n')}\n  ${summary}`);
      if (total > BUDGET_BYTES) this.error(`Over budget: ${summary}`);
    },
  };
}

const sdk = fileURLToPath(new URL('../sdk/src/index.ts', import.meta.url));

export default defineConfig({
  resolve: { alias: { '@parley/sdk': sdk } },
  build: { target: 'es2022', sourcemap: false, modulePreload: { polyfill: false } },
  server: {
    // `npm run dev` against a running ./parley up.
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/.well-known': 'http://127.0.0.1:8080',
      '/ws': { target: 'ws://127.0.0.1:8080', ws: true },
    },
  },
  plugins: [bundleBudget()],
});
