// NestJS 12 ships as ES modules; Jest on Node 20 runs tests as CommonJS and cannot require(esm).
// This transformer turns those ESM packages into CommonJS for the test runtime only (the app itself
// runs them natively). `import.meta.url` is the one ESM-only construct they use.
const crypto = require('node:crypto');
const ts = require('typescript');

module.exports = {
  getCacheKey(src, filename) {
    return crypto.createHash('sha256').update('esm-to-cjs-v1').update(filename).update(src).digest('hex');
  },
  process(src, filename) {
    const patched = src
      .replace(/const require = createRequire\(import\.meta\.url\);?/g, '')
      .replace(/import\.meta\.url/g, 'require("node:url").pathToFileURL(__filename).href')
      .replace(/import\.meta\.dirname/g, '__dirname')
      .replace(/import\.meta\.filename/g, '__filename');
    const out = ts.transpileModule(patched, {
      fileName: filename.replace(/\.mjs$/, '.js'),
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        allowJs: true,
        esModuleInterop: true,
        sourceMap: false,
      },
    });
    return { code: out.outputText };
  },
};
