/**
 * diff2html builds its HTML as a string from diff text that came from
 * outside (file names, file contents): a release under review is hostile until
 * proven otherwise, and diff2html has failed to escape part of its input
 * before. So its output never reaches the page as markup. It is parsed into an
 * inert document (DOMParser: no scripts run, nothing loads), and only the
 * elements diff2html's templates emit for a diff table are rebuilt, with only
 * their class and colspan; everything else is dropped with its content.
 */

/** The elements of diff2html's diff tables (line-by-line and side-by-side). */
const ALLOWED_TAGS: ReadonlySet<string> = new Set([
  'div',
  'span',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'del',
  'ins',
  'br',
]);

/** diff2html's own class names; a hostile class could otherwise borrow the app's styles. */
const CLASS_TOKEN = /^(?:d2h-[a-z0-9-]+|line-num[12])$/;
/** Its file header (an icon, the name, a "viewed" checkbox): the step shows the names itself, as text. */
const DROPPED_CLASSES: ReadonlySet<string> = new Set(['d2h-file-header']);

/** Whether an element of this (lower-case) name is rebuilt. */
export function isAllowedTag(tag: string): boolean {
  return ALLOWED_TAGS.has(tag);
}

/**
 * The value an attribute keeps, or null to drop it: only diff2html's class
 * names, and a small colspan number on table cells.
 */
export function allowedAttribute(tag: string, name: string, value: string): string | null {
  if (name === 'class') {
    const tokens = value.split(/\s+/).filter((token) => CLASS_TOKEN.test(token));
    return tokens.length > 0 ? tokens.join(' ') : null;
  }
  if (name === 'colspan' && (tag === 'td' || tag === 'th') && /^[1-9][0-9]?$/.test(value)) {
    return value;
  }
  return null;
}

/** Whether a whole element (with everything in it) is left out although its tag is allowed. */
export function isDroppedSubtree(classValue: string | null): boolean {
  return (classValue ?? '').split(/\s+/).some((token) => DROPPED_CLASSES.has(token));
}

function rebuild(source: Node, target: Document, into: Node): void {
  for (let child = source.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType === Node.TEXT_NODE) {
      into.appendChild(target.createTextNode(child.nodeValue ?? ''));
      continue;
    }
    // Comments, processing instructions and anything else are left out.
    if (child.nodeType !== Node.ELEMENT_NODE) continue;
    const element = child as Element;
    // The namespace check keeps an <svg:span> or <math:td> from passing as HTML.
    if (element.namespaceURI !== 'http://www.w3.org/1999/xhtml') continue;
    const tag = element.localName;
    if (!isAllowedTag(tag) || isDroppedSubtree(element.getAttribute('class'))) continue;
    const copy = target.createElement(tag);
    for (const attribute of Array.from(element.attributes)) {
      const value = allowedAttribute(tag, attribute.name, attribute.value);
      if (value !== null) copy.setAttribute(attribute.name, value);
    }
    rebuild(element, target, copy);
    into.appendChild(copy);
  }
}

/**
 * diff2html's output as nodes of `target`, rebuilt from an allowlist: only
 * diff-table elements, only diff2html's classes and colspan, text as text.
 */
export function sanitizeDiffHtml(html: string, target: Document): DocumentFragment {
  const inert = new DOMParser().parseFromString(html, 'text/html');
  const fragment = target.createDocumentFragment();
  rebuild(inert.body, target, fragment);
  return fragment;
}
