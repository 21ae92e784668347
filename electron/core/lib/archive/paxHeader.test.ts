import { describe, expect, it } from 'vitest';
import { parsePaxRecords } from './paxHeader';
import { paxRecord } from './testing/tarTestFixtures';

describe('parsePaxRecords', () => {
  it('reads records, including UTF-8 values and values containing "=" and newlines', () => {
    const data = Buffer.from(
      paxRecord('path', 'dir/café') + paxRecord('comment', 'a=b\nc') + paxRecord('size', '12'),
    );
    expect(Object.fromEntries(parsePaxRecords(data))).toEqual({
      path: 'dir/café',
      comment: 'a=b\nc',
      size: '12',
    });
  });

  it('stops at the NUL padding after the last record', () => {
    const data = Buffer.concat([Buffer.from(paxRecord('path', 'x')), Buffer.alloc(20)]);
    expect(parsePaxRecords(data).get('path')).toBe('x');
  });

  it('refuses a record whose length does not match', () => {
    expect(() => parsePaxRecords(Buffer.from('30 path=x\n'))).toThrowError(/length/);
    expect(() => parsePaxRecords(Buffer.from('9 path=xy\n'))).toThrowError(/length/);
  });

  it('refuses a record without a length or without "key=value"', () => {
    expect(() => parsePaxRecords(Buffer.from('path=x\n'))).toThrowError(/length/);
    expect(() => parsePaxRecords(Buffer.from('8 pathx\n'))).toThrowError(/key=value/);
  });
});
