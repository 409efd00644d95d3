import {
  parseAuthenticationResults,
  parseReceivedSpf,
  stripComments,
} from '../../../lambdas/core/intake/authentication-results';

describe('parseAuthenticationResults (RFC 8601)', () => {
  it('reads SES-style results with comments and properties', () => {
    const r = parseAuthenticationResults(
      'amazonses.com;\r\n spf=pass (spfCheck: domain of customer.example designates 192.0.2.1 as permitted sender) client-ip=192.0.2.1; envelope-from=a@customer.example; helo=mx.customer.example;\r\n dkim=pass header.i=@customer.example;\r\n dmarc=pass header.from=customer.example;',
    );
    expect(r?.authServId).toBe('amazonses.com');
    expect(r?.results.map((x) => `${x.method}=${x.result}`)).toEqual(['spf=pass', 'dkim=pass', 'dmarc=pass']);
    expect(r?.results[1]?.properties['header.i']).toBe('@customer.example');
    expect(r?.results[2]?.properties['header.from']).toBe('customer.example');
  });

  it('never takes a verdict from inside a property value', () => {
    const r = parseAuthenticationResults(
      'amazonses.com; spf=pass smtp.mailfrom=dmarc=pass@attacker.example; dkim=none; dmarc=fail header.from=exchange.example',
    );
    expect(r?.results.find((x) => x.method === 'dmarc')?.result).toBe('fail');
    expect(r?.results.filter((x) => x.method === 'dmarc')).toHaveLength(1);
    expect(r?.results[0]?.properties['smtp.mailfrom']).toBe('dmarc=pass@attacker.example');
  });

  it('ignores verdict-like text in comments and quoted strings', () => {
    const r = parseAuthenticationResults(
      'mx.example (dmarc=pass; spf=pass); dkim=fail reason="bad; dmarc=pass" header.d=x.example (dmarc=pass)',
    );
    expect(r?.results.map((x) => `${x.method}=${x.result}`)).toEqual(['dkim=fail']);
    expect(r?.results[0]?.reason).toBe('bad; dmarc=pass');
    expect(r?.results[0]?.properties['header.d']).toBe('x.example');
  });

  it('reads a version, method versions, spaces around "=" and the no-result form', () => {
    expect(parseAuthenticationResults('example.org 1; dkim/1 = pass header.d = a.example')?.results[0]).toEqual({
      method: 'dkim',
      result: 'pass',
      properties: { 'header.d': 'a.example' },
    });
    expect(parseAuthenticationResults('example.org; none')?.results).toEqual([]);
  });

  it('skips malformed resinfos and gives nothing for an empty value', () => {
    expect(parseAuthenticationResults('mx; =pass; spf; dmarc=pass')?.results.map((x) => x.method)).toEqual(['dmarc']);
    expect(parseAuthenticationResults('   ')).toBeUndefined();
  });

  it('strips nested comments with escapes, keeping quoted parentheses', () => {
    expect(stripComments('a (b (c\\) d) e) "f (g)" h')).toBe('a   "f (g)" h');
  });

  it('is linear on hostile input', () => {
    const started = performance.now();
    parseAuthenticationResults(`mx; ${'dkim=pass header.d=a.example ('.repeat(20_000)}`);
    parseAuthenticationResults(`mx; ${'a=b; '.repeat(50_000)}`);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('parseReceivedSpf (RFC 7208 §9.1)', () => {
  it('reads the result and the key=value list after the comment', () => {
    expect(
      parseReceivedSpf(
        'fail (spfCheck: domain of x.example does not designate 203.0.113.9 as permitted sender) client-ip=203.0.113.9; envelope-from=ceo@x.example; helo=mx.attacker.example;',
      ),
    ).toEqual({
      result: 'fail',
      params: { 'client-ip': '203.0.113.9', 'envelope-from': 'ceo@x.example', helo: 'mx.attacker.example' },
    });
  });

  it('refuses a result RFC 7208 does not define', () => {
    expect(parseReceivedSpf('great client-ip=1.2.3.4')).toBeUndefined();
  });
});
