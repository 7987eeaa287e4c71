// Module hook: `electron` resolves to the recorder below, so the bundled main
// process of a packaged layout runs in plain Node.
export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: new URL('./fake-electron.mjs', import.meta.url).href, shortCircuit: true };
  return next(specifier, context);
}
