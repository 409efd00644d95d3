/** What the console learns at start from `/console/config.json` (written by the gateway or the deployment). */
export type ConsoleConfig =
  | { readonly mode: 'local'; readonly apiUrl: string }
  | {
      readonly mode: 'cognito';
      readonly apiUrl: string;
      /** The managed login domain, for example `https://docket.auth.eu-west-1.amazoncognito.com`. */
      readonly authDomain: string;
      readonly clientId: string;
    };

export async function loadConfig(): Promise<ConsoleConfig> {
  const res = await fetch('/console/config.json', { cache: 'no-store' });
  if (!res.ok) throw new Error(`the console's configuration could not be read (${res.status})`);
  return (await res.json()) as ConsoleConfig;
}
