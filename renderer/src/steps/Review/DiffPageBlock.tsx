import { memo, useLayoutEffect, useMemo, useRef } from 'react';
import { renderDiffPageHtml, type DiffRenderOptions } from './diffRendering';
import { sanitizeDiffHtml } from './sanitizeDiffHtml';

interface DiffPageBlockProps extends DiffRenderOptions {
  /** One part of a unified diff (hostile text). */
  text: string;
  /** The line numbers it starts at when it continues a hunk of the part before (else null). */
  startOld: number | null;
  startNew: number | null;
}

/**
 * One part of a diff, drawn by diff2html and put in the page only after
 * `sanitizeDiffHtml` rebuilt it from an allowlist. React renders nothing
 * inside the element; its children are the sanitized nodes alone.
 */
export const DiffPageBlock = memo(function DiffPageBlock({
  text,
  startOld,
  startNew,
  layout,
  highlight,
}: DiffPageBlockProps) {
  const element = useRef<HTMLDivElement>(null);
  const html = useMemo(() => {
    const start =
      startOld === null || startNew === null ? null : { oldLine: startOld, newLine: startNew };
    return renderDiffPageHtml(text, start, { layout, highlight });
  }, [text, startOld, startNew, layout, highlight]);
  useLayoutEffect(() => {
    const target = element.current;
    if (!target) return;
    target.replaceChildren(sanitizeDiffHtml(html, target.ownerDocument));
  }, [html]);
  return <div ref={element} className="review-diff__page" data-testid="review-diff-page" />;
});
