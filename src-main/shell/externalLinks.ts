/**
 * Links in the wizard (the "Sources" line) are plain anchors with target=_blank. Electron
 * asks the window-open handler about them only when the person clicks one: the app itself
 * never opens a window and never makes the request. An https address goes to the system
 * browser; anything else (http, file:, javascript:, a malformed URL) is dropped. Our own
 * window is never navigated either way.
 */
export function openHttpsInBrowser(url: string, openExternal: (url: string) => unknown): { action: 'deny' } {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed?.protocol === 'https:' && parsed.username === '' && parsed.password === '') {
    void Promise.resolve(openExternal(parsed.href)).catch(() => undefined);
  }
  return { action: 'deny' };
}
