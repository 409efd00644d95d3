/**
 * Stands in for postcss in the handler bundles. sanitize-html parses a `style` attribute with postcss only
 * when the attribute is allowed, and the intake's sanitiser allows no `style` anywhere (CSS can fetch remote
 * URLs), so postcss and its source-map reader are 90 KB that never run. Should a future sanitiser option
 * reach it, sanitize-html catches the error and drops the attribute.
 */
export function parse(): never {
  throw new Error('postcss is not bundled: the HTML sanitiser allows no style attributes');
}
