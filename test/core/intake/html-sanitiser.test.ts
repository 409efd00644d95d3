import { MAX_SANITISE_INPUT_CHARS, sanitiseHtml } from '../../../lambdas/core/html-sanitiser';

describe('sanitiseHtml', () => {
  it('removes script, style, iframe, object, form and their content', () => {
    const out = sanitiseHtml(
      '<style>p{}</style><script>alert(1)</script><iframe src="https://e.example">x</iframe><object data="x">o</object><form action="https://e.example"><input name="seed"><button>Send</button></form><p>kept</p>',
    );
    expect(out).not.toMatch(/<(style|script|iframe|object|form|input)/);
    expect(out).not.toMatch(/alert|p\{\}/);
    expect(out).toContain('<p>kept</p>');
  });

  it('removes event handlers and inline styles', () => {
    const out = sanitiseHtml('<p onclick="x()" style="background:url(https://t.example)" onmouseover="y()">t</p>');
    expect(out).toBe('<p>t</p>');
  });

  it('drops javascript: and data: links but keeps the text', () => {
    expect(
      sanitiseHtml(
        '<a href="javascript:alert(1)">a</a><a href=" JaVaScRiPt:alert(1)">b</a><a href="data:text/html,x">c</a>',
      ),
    ).not.toMatch(/javascript|data:/i);
  });

  it('makes links open in a new tab without opener or referrer', () => {
    expect(sanitiseHtml('<a href="https://exchange.example/help" target="_self" rel="opener">help</a>')).toBe(
      '<a href="https://exchange.example/help" rel="noopener noreferrer nofollow" target="_blank">help</a>',
    );
  });

  it('blocks remote images but keeps their alt text, and keeps cid: images', () => {
    expect(sanitiseHtml('<img src="https://tracker.example/p.gif" alt="logo">')).toBe('<img alt="logo" />');
    expect(sanitiseHtml('<img src="//tracker.example/p.gif" alt="x">')).toBe('<img alt="x" />');
    expect(sanitiseHtml('<img src="cid:shot@customer.example" alt="s">')).toBe(
      '<img alt="s" src="cid:shot@customer.example" />',
    );
  });

  it('sanitises thousands of links quickly', () => {
    const html = Array.from(
      { length: 20_000 },
      (_, i) => `<a href="https://e.example/${i}" onclick="x">l${i}</a>`,
    ).join(' ');
    const start = Date.now();
    const out = sanitiseHtml(html);
    expect(Date.now() - start).toBeLessThan(2000);
    expect(out).not.toContain('onclick');
  });

  it('bounds the work on deep nesting and huge input', () => {
    const start = Date.now();
    const deep = sanitiseHtml(`${'<b>'.repeat(100_000)}<script>alert(1)</script>deep`);
    const huge = sanitiseHtml(`<p>${'x'.repeat(MAX_SANITISE_INPUT_CHARS * 4)}</p>`);
    expect(Date.now() - start).toBeLessThan(2000);
    expect(deep).toContain('deep');
    expect(deep).not.toContain('<script');
    expect(huge.length).toBeLessThanOrEqual(MAX_SANITISE_INPUT_CHARS + 20);
  });
});
