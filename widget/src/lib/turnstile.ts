/**
 * Cloudflare Turnstile for sites that turn it on: loads Cloudflare's script once per page (or
 * uses the merchant's own `window.turnstile`) and renders explicit challenges. Loaded only with
 * the forms, never at first render.
 */

export const TURNSTILE_SRC = 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit';

/** The part of Cloudflare's `window.turnstile` the forms use. */
export interface TurnstileApi {
  render(container: HTMLElement, options: TurnstileOptions): string | null | undefined;
  reset(widgetId: string): void;
  remove(widgetId: string): void;
}

export interface TurnstileOptions {
  sitekey: string;
  callback: (token: string) => void;
  'error-callback': () => void;
  'expired-callback': () => void;
  language: string;
}

interface UrlPolicy {
  createScriptURL(input: string): unknown;
}

type WithTurnstile = typeof window & {
  turnstile?: TurnstileApi;
  trustedTypes?: { createPolicy(name: string, rules: { createScriptURL(s: string): string }): UrlPolicy };
};

let loading: Promise<TurnstileApi> | null = null;

/** Cloudflare's API, loading its script on first use; rejects when the script cannot load. */
export function loadTurnstile(): Promise<TurnstileApi> {
  const w = window as WithTurnstile;
  if (w.turnstile) return Promise.resolve(w.turnstile);
  loading ??= new Promise<TurnstileApi>((resolve, reject) => {
    const script = document.createElement('script');
    const src = scriptUrl(w);
    // TypeScript's DOM types predate Trusted Types: `src` accepts a TrustedScriptURL at run time.
    script.src = src as string;
    script.async = true;
    script.onload = () => (w.turnstile ? resolve(w.turnstile) : reject(new Error('turnstile script ran without window.turnstile')));
    script.onerror = () => reject(new Error('turnstile script failed to load'));
    document.head.append(script);
  }).catch((err: unknown) => {
    // A later form may try again (the connection may be back).
    loading = null;
    throw err;
  });
  return loading;
}

let policy: UrlPolicy | null = null;

/**
 * Under `require-trusted-types-for 'script'` a script's `src` must be a TrustedScriptURL; our
 * policy, `rebound-turnstile`, passes Cloudflare's one URL and refuses everything else, so it
 * cannot be used to load any other script.
 */
function scriptUrl(w: WithTurnstile): unknown {
  if (!w.trustedTypes) return TURNSTILE_SRC;
  policy ??= w.trustedTypes.createPolicy('rebound-turnstile', {
    createScriptURL(s) {
      if (s !== TURNSTILE_SRC) throw new TypeError('rebound-turnstile only loads Cloudflare Turnstile');
      return s;
    },
  });
  return policy.createScriptURL(TURNSTILE_SRC);
}
