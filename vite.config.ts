import { defineConfig, type Plugin } from 'vite';

/**
 * The dev server injects CSS through <style> elements, which the page's strict
 * CSP (style-src 'self') refuses. Only while serving, relax that one directive;
 * the built app keeps the policy exactly as written in renderer/index.html.
 */
function relaxStyleSrcWhileServing(): Plugin {
  return {
    name: 'countersign:relax-style-src-in-dev',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
    },
  };
}

/**
 * The renderer. Electron loads it from file://, hence the relative base; the
 * strict CSP forbids inline scripts and styles, hence no inlined assets and no
 * module-preload polyfill (the polyfill would be injected as code we did not write).
 */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [relaxStyleSrcWhileServing()],
  // Vite 8 transforms TSX with oxc; the automatic runtime needs no React import per file.
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'react' },
  },
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    modulePreload: { polyfill: false },
  },
  server: {
    host: '127.0.0.1',
    strictPort: false,
  },
});
