import { describe, expect, it } from 'vitest';
import { parsePersonStamp, parseTagObject } from './parseTagObject';

const COMMIT = '9fceb02d0ae598e95dc970b74767f19372d61af8';
const TAGGER = 'Dana Maintainer <dana@example.org> 1700000000 +0100';

const PGP_SIGNATURE = [
  '-----BEGIN PGP SIGNATURE-----',
  '',
  'iHUEABYKAB0WIQTZGW1vcmUgYnl0ZXMgdGhhdCBkbyBub3QgbWF0dGVyAAoJEA==',
  '=abcd',
  '-----END PGP SIGNATURE-----',
  '',
].join('\n');

/** A tag object as git stores it: headers, a blank line, the message, then any signature. */
function tagObject(
  options: { headers?: string[]; message?: string; signature?: string } = {},
): string {
  const headers = options.headers ?? [
    `object ${COMMIT}`,
    'type commit',
    'tag v1.0.0',
    `tagger ${TAGGER}`,
  ];
  return `${headers.join('\n')}\n\n${options.message ?? 'hello 1.0.0\n'}${options.signature ?? ''}`;
}

const parse = (text: string) => parseTagObject(Buffer.from(text, 'utf8'));

describe('parseTagObject headers', () => {
  it('reads the tagged object, its type and the name the tag gives itself', () => {
    const parsed = parse(tagObject({ signature: PGP_SIGNATURE }));
    expect(parsed).toMatchObject({ object: COMMIT, type: 'commit', tag: 'v1.0.0' });
    expect(parsed.tagger).toEqual({
      name: 'Dana Maintainer',
      email: 'dana@example.org',
      date: '2023-11-14T23:13:20+01:00',
    });
  });

  it('keeps the first of repeated headers, as git reads the tag', () => {
    const parsed = parse(
      tagObject({
        headers: [
          `object ${COMMIT}`,
          'type commit',
          'tag v1.0.0',
          'tag v2.0.0',
          `tagger ${TAGGER}`,
        ],
      }),
    );
    expect(parsed.tag).toBe('v1.0.0');
  });

  it('reads a tag from before git recorded taggers as having no tagger', () => {
    const parsed = parse(tagObject({ headers: [`object ${COMMIT}`, 'type commit', 'tag v0.99'] }));
    expect(parsed.tagger).toBeNull();
    expect(parsed.tag).toBe('v0.99');
  });

  it('reads a tag that tags a tree', () => {
    const parsed = parse(
      tagObject({ headers: [`object ${COMMIT}`, 'type tree', 'tag tree-tag', `tagger ${TAGGER}`] }),
    );
    expect(parsed.type).toBe('tree');
  });

  it('leaves every header empty rather than guessing when the object has none', () => {
    const parsed = parse('just some text\n');
    expect(parsed).toMatchObject({ object: '', type: '', tag: '', tagger: null, signature: null });
  });

  it('keeps a tag object with no message and no blank line whole', () => {
    const raw = `object ${COMMIT}\ntype commit\ntag v1.0.0\ntagger ${TAGGER}\n`;
    const parsed = parse(raw);
    expect(parsed.tag).toBe('v1.0.0');
    expect(parsed.message).toBe('');
    expect(parsed.payload.toString('utf8')).toBe(raw);
  });
});

describe('parsePersonStamp', () => {
  it('writes the date in the tagger’s own timezone, east of UTC', () => {
    expect(parsePersonStamp(TAGGER)?.date).toBe('2023-11-14T23:13:20+01:00');
  });

  it('writes the date in the tagger’s own timezone, west of UTC with minutes', () => {
    expect(parsePersonStamp('A <a@example.org> 1700000000 -0530')?.date).toBe(
      '2023-11-14T16:43:20-05:30',
    );
  });

  it('writes UTC as +00:00 and keeps dates before 1970', () => {
    expect(parsePersonStamp('A <a@example.org> 0 +0000')?.date).toBe('1970-01-01T00:00:00+00:00');
    expect(parsePersonStamp('A <a@example.org> 0 -0100')?.date).toBe('1969-12-31T23:00:00-01:00');
  });

  it('keeps a name with spaces and an empty e-mail', () => {
    expect(parsePersonStamp('Jean Luc Picard <> 1700000000 +0000')).toEqual({
      name: 'Jean Luc Picard',
      email: '',
      date: '2023-11-14T22:13:20+00:00',
    });
  });

  it('refuses a line that is not a person stamp', () => {
    expect(parsePersonStamp('Dana Maintainer <dana@example.org>')).toBeNull();
    expect(parsePersonStamp('Dana <dana@example.org> yesterday +0100')).toBeNull();
    expect(parsePersonStamp('Dana <dana@example.org> 1700000000 CET')).toBeNull();
  });

  // A hostile tag (stored with `git hash-object --literally`) may carry a timestamp
  // beyond what a JavaScript Date holds; that must give no date, not a crash.
  it('reads a tagger whose timestamp is beyond the JavaScript date range without throwing', () => {
    expect(() => parsePersonStamp('Eve <eve@example.org> 99999999999999999 +0000')).not.toThrow();
  });
});

describe('parseTagObject signature split, as git splits it', () => {
  it('cuts the payload exactly where the signature’s armor line starts', () => {
    const raw = tagObject({ signature: PGP_SIGNATURE });
    const parsed = parse(raw);
    expect(parsed.payload.toString('utf8')).toBe(tagObject());
    expect(parsed.signature).toEqual({ format: 'openpgp', armored: PGP_SIGNATURE });
    expect(parsed.message).toBe('hello 1.0.0\n');
    expect(Buffer.concat([parsed.payload, Buffer.from(PGP_SIGNATURE)]).toString()).toBe(raw);
  });

  it('reads an OpenPGP message armor as an OpenPGP signature', () => {
    const signature = PGP_SIGNATURE.replace(/PGP SIGNATURE/g, 'PGP MESSAGE');
    expect(parse(tagObject({ signature })).signature).toEqual({
      format: 'openpgp',
      armored: signature,
    });
  });

  it('recognises an SSH signature', () => {
    const signature = '-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n-----END SSH SIGNATURE-----\n';
    const parsed = parse(tagObject({ signature }));
    expect(parsed.signature).toEqual({ format: 'ssh', armored: signature });
    expect(parsed.payload.toString()).toBe(tagObject());
  });

  it('recognises an X.509 (gpgsm) signature', () => {
    const signature = '-----BEGIN SIGNED MESSAGE-----\nMIAGCSqG\n-----END SIGNED MESSAGE-----\n';
    expect(parse(tagObject({ signature })).signature).toEqual({
      format: 'x509',
      armored: signature,
    });
  });

  it('reads an annotated tag without a signature as unsigned, all of it payload', () => {
    const raw = tagObject({ message: 'hello 1.0.0\n\nNo signature here.\n' });
    const parsed = parse(raw);
    expect(parsed.signature).toBeNull();
    expect(parsed.payload.toString()).toBe(raw);
    expect(parsed.message).toBe('hello 1.0.0\n\nNo signature here.\n');
  });

  it('splits at the last armor line when the message quotes a signature block', () => {
    const message = [
      'hello 1.0.0',
      '',
      'The old tag was signed like this:',
      PGP_SIGNATURE.replace('abcd', 'old1'),
      'and this one is signed again below.',
      '',
    ].join('\n');
    const parsed = parse(tagObject({ message, signature: PGP_SIGNATURE }));
    expect(parsed.message).toBe(message);
    expect(parsed.payload.toString()).toBe(tagObject({ message }));
    expect(parsed.signature?.armored).toBe(PGP_SIGNATURE);
  });

  it('takes the quoted block as the signature when nothing follows it, as git does', () => {
    // git's parse_signed_buffer: the signature starts at the last armor line,
    // wherever it is; text after it belongs to the "signature", which then fails.
    const quoted = `${PGP_SIGNATURE}Signed-off-by: Dana\n`;
    const parsed = parse(tagObject({ message: `hello 1.0.0\n\n${quoted}` }));
    expect(parsed.signature).toEqual({ format: 'openpgp', armored: quoted });
    expect(parsed.message).toBe('hello 1.0.0\n\n');
  });

  it('ignores an armor line that does not start a line', () => {
    const message = `hello 1.0.0\n  ${PGP_SIGNATURE}see: ${PGP_SIGNATURE}`;
    const raw = tagObject({ message });
    const parsed = parse(raw);
    expect(parsed.signature).toBeNull();
    expect(parsed.payload.toString()).toBe(raw);
  });

  it('finds a signature that follows an empty message', () => {
    const parsed = parse(tagObject({ message: '', signature: PGP_SIGNATURE }));
    expect(parsed.message).toBe('');
    expect(parsed.signature?.armored).toBe(PGP_SIGNATURE);
    expect(parsed.payload.toString()).toBe(tagObject({ message: '' }));
  });

  it('finds an armor line ending in CRLF, as git matches the line start only', () => {
    const signature = PGP_SIGNATURE.replace(/\n/g, '\r\n');
    const parsed = parse(tagObject({ signature }));
    expect(parsed.signature).toEqual({ format: 'openpgp', armored: signature });
  });
});

describe('parseTagObject with hostile content', () => {
  it('keeps terminal escapes, bidi overrides, markup and shell text in the message verbatim', () => {
    const message = [
      'hello 1.0.0 \u001b[32mverified\u001b[0m',
      'file: \u202egpj.exe\u202c',
      '<script>alert(1)</script> $(rm -rf ~) `id`',
      'carriage\rreturn, tab\tand NUL\u0000byte',
      'zero\u200bwidth',
      '',
    ].join('\n');
    const raw = tagObject({ message, signature: PGP_SIGNATURE });
    const parsed = parse(raw);
    expect(parsed.message).toBe(message);
    expect(parsed.payload.equals(Buffer.from(tagObject({ message }), 'utf8'))).toBe(true);
  });

  it('keeps the signed bytes exact when the message is not valid UTF-8', () => {
    const payload = Buffer.concat([
      Buffer.from(tagObject({ message: '' })),
      Buffer.from([0x68, 0x69, 0xff, 0xfe, 0xc3, 0x0a]),
    ]);
    const parsed = parseTagObject(Buffer.concat([payload, Buffer.from(PGP_SIGNATURE)]));
    expect(parsed.payload.equals(payload)).toBe(true);
    expect(parsed.signature?.armored).toBe(PGP_SIGNATURE);
  });
});
