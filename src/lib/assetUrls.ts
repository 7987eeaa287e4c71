// Bundled by Vite so the pictures load both over file:// (Electron) and http (web).
const urls = import.meta.glob('../../assets/*.svg', { eager: true, query: '?url', import: 'default' }) as Record<string, string>;

const byName = new Map<string, string>(
  Object.entries(urls).map(([path, url]) => [path.slice(path.lastIndexOf('/') + 1), url]),
);

/** URL of a step picture by its file name (the rules name them), or undefined if there is no such picture. */
export function assetUrl(name: string | undefined): string | undefined {
  if (!name) return undefined;
  return byName.get(name.replace(/^.*\//, ''));
}

/** Alt-text key in i18n for a picture: assets.<file name without extension>. */
export function assetAltKey(name: string): string {
  return `assets.${name.replace(/^.*\//, '').replace(/\.svg$/, '')}`;
}
