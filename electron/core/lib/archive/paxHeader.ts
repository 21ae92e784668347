import { invalidArchive } from './archiveErrors';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses pax extended header records, `"<length> <key>=<value>\n"` each, where
 * length counts the whole record. Values are UTF-8 by the standard. An empty
 * value is kept: in a local header it cancels a global one.
 */
export function parsePaxRecords(data: Uint8Array): Map<string, string> {
  const records = new Map<string, string>();
  let offset = 0;
  while (offset < data.length) {
    // Writers pad the header with NULs after the last record.
    if (data[offset] === 0) break;
    const space = data.indexOf(0x20, offset);
    const lengthText = Buffer.from(data.subarray(offset, space)).toString('latin1');
    if (space === -1 || !/^[0-9]{1,12}$/.test(lengthText)) {
      throw invalidArchive('A pax header record has no valid length.');
    }
    const length = parseInt(lengthText, 10);
    const end = offset + length;
    if (end > data.length || end <= space + 1 || data[end - 1] !== 0x0a) {
      throw invalidArchive('A pax header record does not match its stated length.');
    }
    let record: string;
    try {
      record = utf8.decode(data.subarray(space + 1, end - 1));
    } catch {
      throw invalidArchive('A pax header record is not UTF-8.');
    }
    const equals = record.indexOf('=');
    if (equals <= 0) throw invalidArchive('A pax header record has no "key=value".');
    records.set(record.slice(0, equals), record.slice(equals + 1));
    offset = end;
  }
  return records;
}
