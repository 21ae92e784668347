/**
 * Path patterns for deciding many differences at once: `*` and `?` stay within
 * one path segment, `**` crosses them, `[abc]`, `[a-z]` and `[!abc]` match one
 * character of a set (never `/`), and a pattern without a slash matches the
 * last segment (the file's name), as .gitignore does.
 */

/** A pattern read into a regular expression's source, or why it cannot be. */
type Compiled = { source: string; problem: null } | { source: null; problem: string };

const quote = (text: string) => JSON.stringify(text);
const escapeLiteral = (char: string) => char.replace(/[.+^${}()|[\]\\*?]/g, '\\$&');
const escapeInSet = (char: string) => char.replace(/[\]\\^[-]/g, '\\$&');

/** A `[…]` set starting at `open`: its regular expression and where it ends, or its problem. */
function readSet(
  pattern: string,
  open: number,
): { source: string; end: number } | { problem: string } {
  let index = open + 1;
  const negated = pattern[index] === '!' || pattern[index] === '^';
  if (negated) index += 1;
  const close = pattern.indexOf(']', index);
  if (close === -1) {
    return {
      problem: `The "[" at character ${open + 1} starts a set of characters that no "]" closes. To match "[" itself, write it as "[[]".`,
    };
  }
  const members = [...pattern.slice(index, close)];
  if (members.length === 0) {
    return {
      problem: `"${pattern.slice(open, close + 1)}" is an empty set of characters: it can match nothing. Put the characters to match between "[" and "]".`,
    };
  }
  let source = '';
  for (let at = 0; at < members.length; at += 1) {
    const first = members[at] ?? '';
    if (first === '/') {
      return {
        problem: `"${pattern.slice(open, close + 1)}" puts "/" in a set of characters; a set matches one character within a folder name, never "/".`,
      };
    }
    const last = members[at + 2];
    if (members[at + 1] === '-' && last !== undefined) {
      if (last < first) {
        return {
          problem: `The range "${first}-${last}" in "${pattern.slice(open, close + 1)}" runs backwards: write it "${last}-${first}".`,
        };
      }
      source += `${escapeInSet(first)}-${escapeInSet(last)}`;
      at += 2;
    } else {
      source += escapeInSet(first);
    }
  }
  return { source: negated ? `[^/${source}]` : `[${source}]`, end: close + 1 };
}

function compile(pattern: string): Compiled {
  if (pattern.trim() === '') return { source: null, problem: 'Give a pattern to match.' };
  let source = '';
  let index = 0;
  while (index < pattern.length) {
    const char = pattern[index] ?? '';
    if (char === '*') {
      const double = pattern[index + 1] === '*';
      source += double ? '.*' : '[^/]*';
      index += double ? 2 : 1;
      // A third star or more adds nothing to **.
      while (double && pattern[index] === '*') index += 1;
    } else if (char === '?') {
      source += '[^/]';
      index += 1;
    } else if (char === '[') {
      const set = readSet(pattern, index);
      if ('problem' in set) return { source: null, problem: set.problem };
      source += set.source;
      index = set.end;
    } else {
      source += escapeLiteral(char);
      index += 1;
    }
  }
  return { source, problem: null };
}

/**
 * Why a pattern cannot be used, as a sentence for the person who typed it, or
 * null when it is a valid pattern. A pattern with a problem would otherwise
 * silently match nothing; the UI shows this beside the field and the engine
 * refuses the rule with it.
 */
export function pathPatternProblem(pattern: string): string | null {
  const { problem } = compile(pattern);
  return problem === null ? null : `${quote(pattern)} is not a path pattern: ${problem}`;
}

/** A pattern's matcher. Throws on a pattern with a problem (check it with `pathPatternProblem` first). */
export function pathPattern(pattern: string): (path: string) => boolean {
  const compiled = compile(pattern);
  if (compiled.source === null) throw new Error(pathPatternProblem(pattern) ?? compiled.problem);
  const whole = new RegExp(`^${compiled.source}$`);
  if (pattern.includes('/'))
    return (path) => whole.test(path.replace(/^\.\//, '')) || whole.test(path);
  return (path) => whole.test(path.slice(path.lastIndexOf('/') + 1));
}
