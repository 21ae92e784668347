import { describe, expect, it } from 'vitest';
import { createSseParser } from './sseParser';

function collect(chunks: string[]): string[] {
  const events: string[] = [];
  const parser = createSseParser((data) => events.push(data));
  for (const chunk of chunks) parser.push(chunk);
  return events;
}

describe('createSseParser', () => {
  it('delivers each event once its blank line arrives', () => {
    expect(collect(['data: {"a":1}\n\ndata: {"b":2}\n', '\n'])).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('ignores the server’s comment lines and keep-alives', () => {
    expect(collect([': connected\n\n', ': keep-alive\n\n', 'data: x\n\n'])).toEqual(['x']);
  });

  it('joins an event split across chunks at any byte', () => {
    const stream = 'data: {"jobId":"1"}\r\n\r\ndata: two\r\n\r\n';
    const oneByOne = [...stream];
    expect(collect(oneByOne)).toEqual(['{"jobId":"1"}', 'two']);
  });

  it('joins multi-line data with newlines and ignores other fields', () => {
    expect(collect(['event: job\nid: 7\ndata: first\ndata:second\n\n'])).toEqual(['first\nsecond']);
  });

  it('drops an event that never ended', () => {
    expect(collect(['data: half'])).toEqual([]);
  });
});
