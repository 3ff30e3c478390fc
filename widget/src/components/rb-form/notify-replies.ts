/**
 * The review form's "email me when the shop replies" box. In the lazy form chunk, on its own
 * so other additions to the form stay apart. The address is only typed, so the server asks its
 * owner to confirm it before any notice is sent (double opt-in); unticked, nothing is sent.
 */
import { html } from 'lit';

export function notifyRepliesField(label: string) {
  return html`<div part="field" class="field check"><input id="f-notify-replies" type="checkbox" name="notifyReplies" /><label for="f-notify-replies">${label}</label></div>`;
}

/** `true` only when ticked and an address was given: the API wants nothing else. */
export function notifyReplies(data: FormData, email: string | undefined): true | undefined {
  return data.get('notifyReplies') === 'on' && email ? true : undefined;
}
