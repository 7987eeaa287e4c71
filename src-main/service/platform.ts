/** The platform as the facts know it; other Unix-likes behave like Linux for PC/SC. */
export function currentPlatform(): 'win32' | 'darwin' | 'linux' {
  const p = process.platform;
  return p === 'win32' || p === 'darwin' ? p : 'linux';
}
