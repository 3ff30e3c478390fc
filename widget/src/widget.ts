/**
 * The embed entry: `<script type="module" src="https://HOST/widget.js" data-site="pk_…">`.
 * Talks to the origin it was loaded from and registers `<rb-feedback>` once, so loading the
 * script twice (or alongside another copy) is harmless.
 */
import { RbFeedback } from './components/rb-feedback/rb-feedback.ts';
import { config, scriptSite } from './lib/config.ts';

config.base = new URL(import.meta.url).origin;
config.site = scriptSite(document);

if (!customElements.get('rb-feedback')) customElements.define('rb-feedback', RbFeedback);
