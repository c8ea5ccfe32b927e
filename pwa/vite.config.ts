import { defineConfig } from 'vite';

// Preact's automatic JSX runtime, without a plugin: the bundle stays small and the build light.
export default defineConfig({
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    target: 'es2020',
    // Hashed file names under assets/ are served as immutable by the binary.
    assetsDir: 'assets',
    sourcemap: false,
  },
});
