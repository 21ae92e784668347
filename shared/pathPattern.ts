/**
 * Path patterns for deciding many differences at once: `*` and `?` stay within
 * one path segment, `**` crosses them, and a pattern without a slash matches
 * the last segment (the file's name), as .gitignore does.
 */
export function pathPattern(pattern: string): (path: string) => boolean {
  const source = pattern
    .split('**')
    .map((part) =>
      part
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]'),
    )
    .join('.*');
  const whole = new RegExp(`^${source}$`);
  if (pattern.includes('/'))
    return (path) => whole.test(path.replace(/^\.\//, '')) || whole.test(path);
  return (path) => whole.test(path.slice(path.lastIndexOf('/') + 1));
}
