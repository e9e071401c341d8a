import {
  MAX_INPUT_DEPTH,
  assertSafeMultipart,
  bodyParserError,
  findUnsafePath,
  findUnsafeRequestInput,
  findUnsafeText,
  jsonNestingExceeds,
  textProblem,
} from './input-guard';

describe('textProblem', () => {
  it.each([
    ['', null],
    ['abc', null],
    ['Đăng ký khai sinh', null],
    ['emoji 😀 is a valid pair', null],
    ['\ud83d\ude00', null],
    ['tab\tnewline\nbell\u0007', null],
    ['\u0000', 'NUL'],
    ['a\u0000', 'NUL'],
    ['\u0000b', 'NUL'],
    ['\ud800', 'LONE_SURROGATE'],
    ['\udfff', 'LONE_SURROGATE'],
    ['a\ud83d', 'LONE_SURROGATE'],
    ['\ude00b', 'LONE_SURROGATE'],
    ['\ude00\ud83d', 'LONE_SURROGATE'],
    ['\ud83d\ud83d\ude00', 'LONE_SURROGATE'],
    ['\ud800\u0000', 'NUL'],
  ])('%j → %s', (s, expected) => {
    expect(textProblem(s)).toBe(expected);
  });
});

describe('findUnsafeText', () => {
  it('accepts plain values of every JSON type', () => {
    expect(findUnsafeText({ a: 1, b: [true, null, 'x', { c: 1e308 }], d: -0 }, 'body')).toBeNull();
    expect(findUnsafeText(undefined, 'body')).toBeNull();
    expect(findUnsafeText(null, 'body')).toBeNull();
    expect(findUnsafeText(42, 'body')).toBeNull();
    expect(findUnsafeText([], 'body')).toBeNull();
  });

  it('names the location of a bad value', () => {
    expect(findUnsafeText('a\u0000', 'query.q')).toEqual({ where: 'query.q', problem: 'NUL' });
    expect(findUnsafeText({ username: 'a\u0000' }, 'body')).toEqual({ where: 'body.username', problem: 'NUL' });
    expect(findUnsafeText({ data: { hoTen: ['ok', '\ud800'] } }, 'body')).toEqual({ where: 'body.data.hoTen[1]', problem: 'LONE_SURROGATE' });
    expect(findUnsafeText(['x', ['y', ['\u0000']]], 'body')).toEqual({ where: 'body[1][1][0]', problem: 'NUL' });
  });

  it('reports the first bad value in document order', () => {
    expect(findUnsafeText({ a: '\ud800', b: '\u0000' }, 'body')?.where).toBe('body.a');
    expect(findUnsafeText(['ok', '\u0000', '\ud800'], 'q')?.where).toBe('q[1]');
  });

  it('checks keys and does not echo a bad key in the location', () => {
    expect(findUnsafeText({ 'a\u0000b': 1 }, 'body')).toEqual({ where: 'body', problem: 'NUL' });
    expect(findUnsafeText({ x: { '\udc00': 'v' } }, 'body')).toEqual({ where: 'body.x', problem: 'LONE_SURROGATE' });
  });

  it('walks objects without a prototype (query strings) and ignores buffers', () => {
    const q = Object.assign(Object.create(null), { q: ['a', 'b\u0000'] });
    expect(findUnsafeText(q, 'query')).toEqual({ where: 'query.q[1]', problem: 'NUL' });
    expect(findUnsafeText({ f: Buffer.from([0, 0xd8]) }, 'body')).toBeNull();
  });

  it('walks very deep values without recursion', () => {
    let deep: unknown = '\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnsafeText(deep, 'body')?.problem).toBe('NUL');
  });
});

describe('jsonNestingExceeds', () => {
  const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);
  it.each([
    ['{}', 1, false],
    ['{}', 0, true],
    ['[]', 1, false],
    ['"no brackets"', 0, false],
    ['123', 0, false],
    ['{"a":{"b":[1,2,{"c":3}]}}', 4, false],
    ['{"a":{"b":[1,2,{"c":3}]}}', 3, true],
    ['[[],[],[]]', 2, false],
    ['[[],[],[[]]]', 2, true],
  ])('%s with max %d → %s', (text, max, expected) => {
    expect(jsonNestingExceeds(text, max)).toBe(expected);
  });

  it('counts up to the limit and refuses one level more', () => {
    expect(jsonNestingExceeds(nested(MAX_INPUT_DEPTH), MAX_INPUT_DEPTH)).toBe(false);
    expect(jsonNestingExceeds(nested(MAX_INPUT_DEPTH + 1), MAX_INPUT_DEPTH)).toBe(true);
    expect(jsonNestingExceeds(nested(5000), MAX_INPUT_DEPTH)).toBe(true);
    expect(jsonNestingExceeds('{"a":'.repeat(5000) + '1' + '}'.repeat(5000), MAX_INPUT_DEPTH)).toBe(true);
  });

  it('ignores brackets inside strings, including after escaped quotes and backslashes', () => {
    expect(jsonNestingExceeds(JSON.stringify({ s: '[[[[[[[[[[{{{{{{{{' }), 1)).toBe(false);
    expect(jsonNestingExceeds(JSON.stringify({ s: 'a "quoted" [[[[' }), 1)).toBe(false);
    expect(jsonNestingExceeds(JSON.stringify({ s: 'ends with backslash \\' , t: '[[[[' }), 1)).toBe(false);
    expect(jsonNestingExceeds(JSON.stringify({ s: '\\"[[[' }), 1)).toBe(false);
    expect(jsonNestingExceeds(JSON.stringify({ s: '\\' }) + '[[', 1)).toBe(true);
  });

  it('reads UTF-8 bytes: multi-byte characters never look like brackets', () => {
    const text = JSON.stringify({ 'Đăng ký': ['Hà Giang', '😀', '[中文]'] });
    expect(jsonNestingExceeds(Buffer.from(text, 'utf8'), 2)).toBe(false);
    expect(jsonNestingExceeds(Buffer.from(text, 'utf8'), 1)).toBe(true);
  });

  it('does not go below zero on stray closing brackets (they cannot buy extra depth)', () => {
    expect(jsonNestingExceeds(']]]]][[', 2)).toBe(false);
    expect(jsonNestingExceeds(']]]]][[[', 2)).toBe(true);
  });
});

describe('findUnsafePath', () => {
  it.each([
    ['/api/v1/procedures', null],
    ['/api/v1/procedures/1.000001.000.00.00.H12', null],
    ['/thu-tuc/%C4%90%C4%83ng%20k%C3%BD', null],
    ['/api/v1/procedures/%00', { where: 'path', problem: 'NUL' }],
    ['/api/v1/dossiers/a%00b/actions', { where: 'path', problem: 'NUL' }],
    ['/api/v1/procedures/%ED%A0%80', { where: 'path', problem: 'BAD_ENCODING' }],
    ['/api/v1/procedures/%FF', { where: 'path', problem: 'BAD_ENCODING' }],
    ['/api/v1/procedures/%', { where: 'path', problem: 'BAD_ENCODING' }],
    ['/api/v1/procedures/%zz', { where: 'path', problem: 'BAD_ENCODING' }],
    ['/api/v1/procedures/%25', null],
  ])('%s', (path, expected) => {
    expect(findUnsafePath(path)).toEqual(expected);
  });
});

describe('findUnsafeRequestInput', () => {
  const req = (over: Partial<{ path: string; query: unknown; headers: Record<string, unknown>; body: unknown }>) =>
    ({ path: '/api/v1/x', query: {}, headers: {}, body: undefined, ...over }) as Parameters<typeof findUnsafeRequestInput>[0];

  it('accepts an ordinary request', () => {
    expect(findUnsafeRequestInput(req({ query: { q: 'khai sinh' }, headers: { 'idempotency-key': 'k-1' }, body: { a: 'b' } }))).toBeNull();
  });
  it('checks path, then headers, then query, then body', () => {
    const all = { path: '/x/%00', headers: { 'idempotency-key': '\u0000' }, query: { q: '\u0000' }, body: { a: '\u0000' } };
    expect(findUnsafeRequestInput(req(all))?.where).toBe('path');
    expect(findUnsafeRequestInput(req({ ...all, path: '/x' }))?.where).toBe('header.idempotency-key');
    expect(findUnsafeRequestInput(req({ ...all, path: '/x', headers: {} }))?.where).toBe('query.q');
    expect(findUnsafeRequestInput(req({ body: all.body }))?.where).toBe('body.a');
  });
  it('checks repeated headers', () => {
    expect(findUnsafeRequestInput(req({ headers: { 'x-forwarded-for': ['1.2.3.4', '\u0000'] } }))?.where).toBe('header.x-forwarded-for[1]');
  });
});

describe('assertSafeMultipart', () => {
  it('passes ordinary fields and files', () => {
    expect(() => assertSafeMultipart({ note: 'Bổ sung' }, [{ fieldname: 'doc', originalname: 'giấy tờ.pdf' }])).not.toThrow();
    expect(() => assertSafeMultipart(undefined, undefined)).not.toThrow();
  });
  it('refuses a bad text field or file name with a 400', () => {
    expect(() => assertSafeMultipart({ note: 'a\u0000' }, [])).toThrow(expect.objectContaining({ where: 'body.note', problem: 'NUL' }));
    expect(() => assertSafeMultipart({}, { fieldname: 'file', originalname: 'x\ud800.pdf' })).toThrow(expect.objectContaining({ problem: 'LONE_SURROGATE' }));
    let status = 0;
    try {
      assertSafeMultipart({ note: 'a\u0000' }, []);
    } catch (e) {
      status = (e as { getStatus(): number }).getStatus();
    }
    expect(status).toBe(400);
  });
});

describe('bodyParserError', () => {
  it.each([
    ['entity.too.deep', 400, 400, /lồng nhau quá sâu/],
    ['entity.too.large', 413, 413, /quá lớn/],
    ['parameters.too.many', 413, 413, /quá nhiều trường/],
    ['charset.unsupported', 415, 415, /UTF-8/],
    ['entity.parse.failed', 400, 400, /JSON không hợp lệ/],
    ['request.aborted', 400, 400, /không hợp lệ/],
    ['querystring.parse.rangeError', 400, 400, /Biểu mẫu lồng nhau quá sâu/],
    ['entity.verify.failed', 403, 403, /không hợp lệ/],
  ])('%s → %d', (type, status, expected, message) => {
    const e = bodyParserError({ status, type })!;
    expect(e.getStatus()).toBe(expected);
    expect((e.getResponse() as { message: string }).message).toMatch(message);
  });
  it('leaves server faults and errors of other middleware alone', () => {
    expect(bodyParserError({ status: 500, type: 'stream.encoding.set' })).toBeNull();
    expect(bodyParserError({})).toBeNull();
    expect(bodyParserError({ status: 403 })).toBeNull(); // e.g. serve-static refusing a directory
    expect(bodyParserError({ status: 400, type: 'something.else' })).toBeNull();
  });
});
