/** Largest request body the API accepts: an agent's reply with some HTML, never an attachment. */
export const MAX_BODY_BYTES = 256 * 1024;

const FORM = 'application/x-www-form-urlencoded';

/** Whether the request says its body is an HTML form submission. */
export function isFormBody(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === FORM;
}
