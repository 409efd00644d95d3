import sanitizeHtml from 'sanitize-html';

/**
 * Customer HTML is attacker-controlled. Agents read it in a browser, so it is sanitised once, at intake,
 * and only the sanitised form is ever stored for display (the original stays in the raw message).
 */

/**
 * Longest input (characters) the sanitiser looks at. HTML parsing is linear in length but its constant is
 * large, and htmlparser2's open-element stack makes deep nesting quadratic: cutting the input first bounds
 * the work whatever the message holds (peers saw a mail with thousands of links peg a CPU).
 */
export const MAX_SANITISE_INPUT_CHARS = 512 * 1024;
/** Deeper elements are dropped (their text kept), so agents' renderers never see deep trees. */
export const MAX_SANITISE_NESTING = 100;
/**
 * Open-element depth past which the HTML is not parsed at all but reduced to escaped text: htmlparser2
 * keeps its stack at the front of an array, so 170,000 nested `<b>` take seconds (measured: 8.5 s).
 */
export const MAX_PARSE_NESTING = 1000;

const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
/** Elements the HTML parser closes when a sibling opens (p after p, td after td): unclosed runs do not nest. */
const IMPLIED_END = new Set([
  'p',
  'li',
  'dt',
  'dd',
  'option',
  'optgroup',
  'tr',
  'td',
  'th',
  'thead',
  'tbody',
  'tfoot',
  'rt',
  'rp',
]);

/** One linear pass estimating the open-element depth; true as soon as it passes `limit`. */
function nestsDeeperThan(html: string, limit: number): boolean {
  let depth = 0;
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)/g)) {
    const name = m[2]!.toLowerCase();
    if (VOID_ELEMENTS.has(name) || IMPLIED_END.has(name)) continue;
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (++depth > limit) return true;
  }
  return false;
}

const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const ALLOWED_TAGS = [
  'a',
  'abbr',
  'b',
  'blockquote',
  'br',
  'caption',
  'center',
  'code',
  'col',
  'colgroup',
  'dd',
  'del',
  'div',
  'dl',
  'dt',
  'em',
  'font',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'img',
  'ins',
  'kbd',
  'li',
  'ol',
  'p',
  'pre',
  'q',
  's',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'tt',
  'u',
  'ul',
];

/** Links point somewhere outside; never let the target page reach back into the agent's tab or see referrers. */
const LINK_REL = 'noopener noreferrer nofollow';

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  // No `style` or `on*` attribute anywhere: CSS can fetch remote URLs, handlers run script.
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    td: ['colspan', 'rowspan', 'align', 'valign'],
    th: ['colspan', 'rowspan', 'align', 'valign'],
    col: ['span'],
    font: ['color'],
    ol: ['start', 'type'],
  },
  // javascript:, data:, vbscript: and relative URLs are dropped.
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  // Images only from the message itself: a remote image is a read receipt ("web bug") for the sender.
  allowedSchemesByTag: { img: ['cid'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  // Elements whose content is never text for a reader: dropped with their content.
  nonTextTags: [
    'script',
    'style',
    'textarea',
    'option',
    'noscript',
    'title',
    'head',
    'template',
    'xmp',
    'iframe',
    'object',
    'embed',
    'svg',
    'math',
  ],
  disallowedTagsMode: 'discard',
  nestingLimit: MAX_SANITISE_NESTING,
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: {
        ...(attribs.href !== undefined && { href: attribs.href }),
        ...(attribs.title !== undefined && { title: attribs.title }),
        rel: LINK_REL,
        target: '_blank',
      },
    }),
    img: (tagName, attribs) => {
      // A remote (or data:) source is removed rather than rewritten: the alt text still tells the agent what was there.
      const { src, ...rest } = attribs;
      const inline = src !== undefined && /^\s*cid:/i.test(src);
      return { tagName, attribs: inline ? { ...rest, src: src.trim() } : rest };
    },
  },
};

/**
 * Returns HTML that is safe to render for agents: no script, style, iframe, object, form or event handler,
 * no `javascript:` URL, no remote image (only `cid:` sources survive; `alt` is kept), every link opens in a
 * new tab with `rel="noopener noreferrer nofollow"`. Work is bounded by `MAX_SANITISE_INPUT_CHARS`.
 *
 * @example sanitiseHtml('<a href="https://x.example" onclick="steal()">x</a>')
 *   // '<a href="https://x.example" rel="noopener noreferrer nofollow" target="_blank">x</a>'
 */
export function sanitiseHtml(html: string): string {
  const input = html.length > MAX_SANITISE_INPUT_CHARS ? html.slice(0, MAX_SANITISE_INPUT_CHARS) : html;
  if (nestsDeeperThan(input, MAX_PARSE_NESTING)) {
    // Not worth a parser's time and not plausibly real mail: keep the words, drop every tag.
    return `<pre>${escapeText(input.replace(/<[^>]*>?/g, ' ').replace(/[ \t]{2,}/g, ' '))}</pre>`;
  }
  return sanitizeHtml(input, OPTIONS);
}
