/**
 * Debian's control-file format (deb822): paragraphs of "Field: value" lines,
 * continuation lines start with a space or tab, paragraphs are separated by
 * blank lines. Used by .deb control data, Release and Packages indexes.
 */

/** One paragraph; field names are matched case-insensitively, as dpkg and apt do. */
export class Deb822Paragraph {
  private readonly fields = new Map<string, { name: string; value: string }>();

  set(name: string, value: string): void {
    this.fields.set(name.toLowerCase(), { name, value });
  }

  /** The field's value, continuation lines joined with "\n", or undefined. */
  get(name: string): string | undefined {
    return this.fields.get(name.toLowerCase())?.value;
  }

  has(name: string): boolean {
    return this.fields.has(name.toLowerCase());
  }

  /** Fields in their original order and spelling. */
  entries(): [string, string][] {
    return [...this.fields.values()].map(({ name, value }) => [name, value]);
  }
}

export class Deb822SyntaxError extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'Deb822SyntaxError';
  }
}

const FIELD = /^([!-9;-~][!-9;-~]*):[ \t]*(.*)$/;

/** Parses every paragraph; throws Deb822SyntaxError on a line that is neither a field nor a continuation. */
export function parseDeb822(text: string): Deb822Paragraph[] {
  const paragraphs: Deb822Paragraph[] = [];
  let current: Deb822Paragraph | null = null;
  let lastField: string | null = null;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const line = (lines[index] ?? '').replace(/\r$/, '');
    if (line.trim() === '') {
      current = null;
      lastField = null;
      continue;
    }
    if (line.startsWith('#')) continue;
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (!current || lastField === null) {
        throw new Deb822SyntaxError(index + 1, 'a continuation line outside a field');
      }
      const previous = current.get(lastField) ?? '';
      current.set(lastField, `${previous}\n${line.slice(1)}`);
      continue;
    }
    const match = FIELD.exec(line);
    if (!match) throw new Deb822SyntaxError(index + 1, 'not a "Field: value" line');
    const [, name = '', value = ''] = match;
    if (!current) {
      current = new Deb822Paragraph();
      paragraphs.push(current);
    }
    if (current.has(name)) throw new Deb822SyntaxError(index + 1, `field ${name} appears twice`);
    current.set(name, value.trimEnd());
    lastField = name;
  }
  return paragraphs;
}

/** Writes paragraphs back in deb822 form; multi-line values get their continuation indent. */
export function formatDeb822(paragraphs: readonly (readonly [string, string])[][]): string {
  return paragraphs
    .map((fields) =>
      fields
        .map(([name, value]) => {
          const [first = '', ...rest] = value.split('\n');
          const head = first === '' ? `${name}:` : `${name}: ${first}`;
          return [head, ...rest.map((line) => ` ${line}`)].join('\n');
        })
        .join('\n'),
    )
    .join('\n\n')
    .concat('\n');
}
