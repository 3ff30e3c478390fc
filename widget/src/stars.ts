/**
 * The listing-page entry: `<script type="module" src="https://HOST/stars.js" data-site="pk_…">`
 * registers `<rb-stars>`, once. Its own module, apart from `widget.js`, so a category page pays
 * only for badges and a product page's widget keeps its first-render budget.
 */
import { badgeConfig, RbStars } from './components/rb-stars/rb-stars-element.ts';

badgeConfig.base = new URL(import.meta.url).origin;
badgeConfig.site = document.querySelector<HTMLScriptElement>('script[data-site][src*="stars"],script[data-site][src*="widget"]')?.dataset.site ?? '';

if (!customElements.get('rb-stars')) customElements.define('rb-stars', RbStars);
