import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes dist/sw.js from src/sw/sw.js with the list of files to precache (everything the build
 * emits plus public/) and a version that changes whenever any of them does.
 */
function serviceWorker(): Plugin {
  return {
    name: 'earshot-service-worker',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const emitted = Object.keys(bundle).filter((file) => file !== 'sw.js');
      const files = [...emitted, ...readdirSync('public')].sort();
      const version = createHash('sha256');
      for (const file of files) {
        const item = bundle[file];
        version.update(file);
        if (item && item.type === 'asset') version.update(item.source);
        if (item && item.type === 'chunk') version.update(item.code);
      }
      const source = readFileSync('src/sw/sw.js', 'utf8')
        .replace("const VERSION = '__VERSION__'", `const VERSION = '${version.digest('hex').slice(0, 16)}'`)
        .replace('const PRECACHE = __PRECACHE__', `const PRECACHE = ${JSON.stringify(files.map((file) => `/${file}`))}`);
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

// Preact's automatic JSX runtime, without a plugin: the bundle stays small and the build light.
export default defineConfig({
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  plugins: [serviceWorker()],
  build: {
    target: 'es2020',
    // Hashed file names under assets/ are served as immutable by the binary.
    assetsDir: 'assets',
    sourcemap: false,
  },
});
