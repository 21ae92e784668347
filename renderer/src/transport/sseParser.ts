/**
 * Reads a text/event-stream incrementally, as chunks arrive, and hands each
 * complete event's data to `onData`. Follows the HTML spec's line rules:
 * lines end in LF, CR or CRLF; lines starting with ":" are comments (the
 * server's keep-alives); multiple data lines join with "\n"; a blank line
 * ends an event. Fields other than `data` are ignored.
 */
export function createSseParser(onData: (data: string) => void): { push(chunk: string): void } {
  let pending = '';
  let data: string[] = [];
  let skipLeadingLf = false;

  const takeLine = (line: string): void => {
    if (line === '') {
      if (data.length > 0) onData(data.join('\n'));
      data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    if (field !== 'data') return;
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    data.push(value);
  };

  return {
    push(chunk: string) {
      let text = chunk;
      // A CRLF split across two chunks: the LF belongs to the line already taken.
      if (skipLeadingLf && text.startsWith('\n')) text = text.slice(1);
      skipLeadingLf = false;
      pending += text;
      let start = 0;
      for (let i = 0; i < pending.length; i += 1) {
        const char = pending[i];
        if (char !== '\n' && char !== '\r') continue;
        takeLine(pending.slice(start, i));
        if (char === '\r') {
          if (i + 1 < pending.length) {
            if (pending[i + 1] === '\n') i += 1;
          } else {
            skipLeadingLf = true;
          }
        }
        start = i + 1;
      }
      pending = pending.slice(start);
    },
  };
}
