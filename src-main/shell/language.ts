/** The app's language from the system's: Japanese when it comes first, otherwise English. */
export function menuLanguage(preferred: readonly string[]): 'ja' | 'en' {
  const first = preferred.find((tag) => tag.trim() !== '');
  return first?.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}
