/**
 * The settings page's sections, each a `<section>` with a heading: look (name, theme, accent,
 * tabs, languages), texts (the widget's wording per language), publishing (moderation, holding
 * unverified reviews, holding flags, blocked words), response times, bot protection and where
 * the widget may load. Every setting carries its one-line explanation.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { AdminSettings } from '../../../../shared/admin.ts';
import { FLAGS, THEMES } from '../../../../shared/site.ts';
import { KINDS, LANGS } from '../../../../shared/submission.ts';
import { formatNumber } from '../../../../shared/format.ts';
import { fieldDigits } from '../../lib/number-field.ts';
import { OVERRIDE_KEYS, overrideField, widgetDefault } from '../../lib/overrides.ts';
import { choiceGroup, describedBy, errorFor, errorUnder, fieldError, hint, textField, type FieldContext } from './fields.ts';
import { slaFields } from './sla-fields.ts';

const LANG_NAMES = { en: 'English', fa: 'فارسی' } as const;

function section(id: string, title: string, body: TemplateResult): TemplateResult {
  return html`<section class="group" aria-labelledby=${id}>
    <h2 id=${id}>${title}</h2>
    ${body}
  </section>`;
}

export function lookSection(ctx: FieldContext, c: AdminSettings): TemplateResult {
  const { m } = ctx;
  const s = c.settings;
  const colourError = errorFor(ctx, 'settings.brandColor');
  const langError = errorFor(ctx, 'settings.defaultLang');
  return section(
    'set-look',
    m.settings.look,
    html`${textField(ctx, { id: 'set-name', name: 'name', path: 'name', label: m.settings.name, hint: m.settings.nameHint, value: c.site.name })}
      ${choiceGroup(ctx, {
        id: 'set-theme',
        name: 'theme',
        path: 'settings.theme',
        legend: m.settings.theme,
        hint: m.settings.themeHint,
        type: 'radio',
        options: THEMES.map((t) => ({ value: t, label: m.settings.themes[t], checked: s.theme === t })),
      })}
      <div class="field">
        <label for="set-colour">${m.settings.brandColor}</label>
        <span class="colour">
          <input
            id="set-colour"
            name="brandColor"
            type="color"
            aria-invalid=${colourError ? 'true' : 'false'}
            aria-describedby=${describedBy('set-colour', true, colourError)}
            .value=${s.brandColor}
          />
          <bdi dir="ltr">${s.brandColor}</bdi>
        </span>
        ${hint('set-colour', m.settings.brandColorHint)} ${fieldError('set-colour', colourError)}
      </div>
      ${choiceGroup(ctx, {
        id: 'set-kinds',
        name: 'kinds',
        path: 'settings.kinds',
        legend: m.settings.kinds,
        hint: m.settings.kindsHint,
        type: 'checkbox',
        wide: true,
        options: KINDS.map((k) => ({ value: k, label: m.settings.kindNames[k] ?? k, checked: s.kinds.includes(k) })),
      })}
      ${choiceGroup(ctx, {
        id: 'set-locales',
        name: 'locales',
        path: 'settings.locales',
        legend: m.settings.languages,
        hint: m.settings.languagesHint,
        type: 'checkbox',
        options: LANGS.map((l) => ({ value: l, label: LANG_NAMES[l], checked: s.locales.includes(l) })),
      })}
      <div class="field">
        <label for="set-default-lang">${m.settings.defaultLang}</label>
        <select id="set-default-lang" name="defaultLang" aria-describedby=${describedBy('set-default-lang', true, langError)} aria-invalid=${langError ? 'true' : 'false'}>
          ${LANGS.map((l) => html`<option value=${l} ?selected=${s.defaultLang === l}>${LANG_NAMES[l]}</option>`)}
        </select>
        ${hint('set-default-lang', m.settings.defaultLangHint)} ${fieldError('set-default-lang', langError)}
      </div>`,
  );
}

export function textSection(ctx: FieldContext, c: AdminSettings): TemplateResult {
  const { m } = ctx;
  const strings = c.settings.strings;
  return section(
    'set-text',
    m.settings.text,
    html`<p class="hint">${m.settings.textHint}</p>
      ${OVERRIDE_KEYS.map(
        (key) => html`<fieldset class="override">
          <legend>${m.settings.overrides[key] ?? key}</legend>
          <div class="pair">
            ${LANGS.map((lang) => {
              const id = `set-str-${lang}-${key}`;
              const error = errorFor(ctx, `settings.${overrideField(lang, key)}`);
              return html`<div class="field">
                <label for=${id}>${m.settings.langNames[lang]}</label>
                <input
                  id=${id}
                  name=${overrideField(lang, key)}
                  lang=${lang}
                  dir=${lang === 'fa' ? 'rtl' : 'ltr'}
                  maxlength="500"
                  placeholder=${widgetDefault(lang, key)}
                  aria-invalid=${error ? 'true' : 'false'}
                  aria-describedby=${error ? `${id}-error` : nothing}
                  .value=${strings[lang]?.[key] ?? ''}
                />
                ${fieldError(id, error)}
              </div>`;
            })}
          </div>
        </fieldset>`,
      )}`,
  );
}

export function publishingSection(ctx: FieldContext, c: AdminSettings): TemplateResult {
  const { m } = ctx;
  const s = c.settings;
  const blockedError = errorUnder(ctx, 'settings.blockedWords');
  return section(
    'set-publishing',
    m.settings.publishing,
    html`${choiceGroup(ctx, {
        id: 'set-moderation',
        name: 'moderation',
        path: 'settings.moderation',
        legend: m.settings.moderation,
        hint: m.settings.moderationHint,
        type: 'radio',
        wide: true,
        options: [
          { value: 'pre', label: m.settings.pre, checked: s.moderation === 'pre' },
          { value: 'auto', label: m.settings.auto, checked: s.moderation === 'auto' },
        ],
      })}
      <p class="note">${m.settings.neverRating}</p>
      <div class="field">
        <label class="choice"
          ><input type="checkbox" name="holdUnverified" aria-describedby="set-unverified-hint" ?checked=${s.holdUnverified} />
          <span>${m.settings.holdUnverified}</span></label
        >
        ${hint('set-unverified', m.settings.holdUnverifiedHint)}
      </div>
      ${choiceGroup(ctx, {
        id: 'set-flags',
        name: 'holdFlags',
        path: 'settings.holdFlags',
        legend: m.settings.holdFlags,
        hint: m.settings.holdFlagsHint,
        type: 'checkbox',
        // `unverified` is decided by the setting above, whatever this list says.
        options: FLAGS.filter((f) => f !== 'unverified').map((f) => ({ value: f, label: m.flag[f], checked: s.holdFlags.includes(f) })),
      })}
      <div class="field">
        <label for="set-blocked">${m.settings.blockedWords}</label>
        <textarea
          id="set-blocked"
          name="blockedWords"
          dir="auto"
          aria-invalid=${blockedError ? 'true' : 'false'}
          aria-describedby=${describedBy('set-blocked', true, blockedError)}
          .value=${s.blockedWords.join('\n')}
        ></textarea>
        ${hint('set-blocked', m.settings.blockedWordsHint)} ${fieldError('set-blocked', blockedError)}
      </div>`,
  );
}

export function timesSection(ctx: FieldContext, c: AdminSettings): TemplateResult {
  const { m } = ctx;
  const s = c.settings;
  return section(
    'set-times',
    m.settings.times,
    html`${textField(ctx, {
        id: 'rt',
        name: 'responseTimeHours',
        path: 'settings.responseTimeHours',
        label: m.settings.responseTime,
        hint: m.settings.responseTimeHint,
        inputmode: 'numeric',
        value: fieldDigits(s.responseTimeHours, ctx.lang),
      })}
      ${slaFields(s.sla, ctx)}`,
  );
}

export function recoverySection(ctx: FieldContext, c: AdminSettings): TemplateResult {
  const { m, lang } = ctx;
  const s = c.settings;
  const lowError = errorFor(ctx, 'settings.recovery.lowRating');
  const stars = (n: number) => (n === 0 ? m.settings.lowRatingOff : n === 1 ? m.settings.lowRatingOne : m.settings.lowRatingStars(formatNumber(n, lang)));
  const days = (id: string, name: 'followupDelayDays' | 'quietPeriodDays') =>
    textField(ctx, { id, name, path: `settings.${name}`, label: m.settings[name], hint: m.settings[`${name}Hint`], inputmode: 'numeric', value: fieldDigits(s[name], lang) });
  return section(
    'set-recovery',
    m.settings.recovery,
    html`<div class="field">
        <label for="set-low-rating">${m.settings.lowRating}</label>
        <select
          id="set-low-rating"
          name="recovery.lowRating"
          aria-invalid=${lowError ? 'true' : 'false'}
          aria-describedby=${describedBy('set-low-rating', true, lowError)}
        >
          ${[0, 1, 2, 3, 4, 5].map((n) => html`<option value=${n} ?selected=${s.recovery.lowRating === n}>${stars(n)}</option>`)}
        </select>
        ${hint('set-low-rating', m.settings.lowRatingHint)} ${fieldError('set-low-rating', lowError)}
      </div>
      <div class="field">
        <label class="choice"
          ><input type="checkbox" name="recovery.intents" aria-describedby="set-intents-hint" ?checked=${s.recovery.intents} /> <span>${m.settings.intents}</span></label
        >
        ${hint('set-intents', m.settings.intentsHint)}
      </div>
      ${textField(ctx, {
        id: 'set-repeat',
        name: 'recovery.repeatCases',
        path: 'settings.recovery.repeatCases',
        label: m.settings.repeatCases,
        hint: m.settings.repeatCasesHint,
        inputmode: 'numeric',
        value: fieldDigits(s.recovery.repeatCases, lang),
      })}
      ${days('set-followup', 'followupDelayDays')} ${days('set-quiet', 'quietPeriodDays')}`,
  );
}

export function botSection(ctx: FieldContext, c: AdminSettings): TemplateResult {
  const { m } = ctx;
  const on = Boolean(c.settings.turnstileSiteKey);
  return section(
    'set-bot',
    m.settings.bot,
    html`<p class="note">${on ? m.settings.botOn : m.settings.botOff}</p>
      ${textField(ctx, {
        id: 'set-site-key',
        name: 'turnstileSiteKey',
        path: 'settings.turnstileSiteKey',
        label: m.settings.siteKey,
        hint: m.settings.siteKeyHint,
        dir: 'ltr',
        value: c.settings.turnstileSiteKey ?? '',
      })}
      ${textField(ctx, {
        id: 'set-secret-key',
        name: 'turnstileSecretKey',
        path: 'settings.turnstileSecretKey',
        label: m.settings.secretKey,
        hint: c.turnstileSecretSet ? `${m.settings.secretKeyHint} ${m.settings.secretKeySet}` : m.settings.secretKeyHint,
        type: 'password',
        dir: 'ltr',
        autocomplete: 'new-password',
        value: '',
      })}`,
  );
}

/** Origins are edited on the Install page (one place, beside the snippet and the refused pages); this says where. */
export function whereSection(ctx: FieldContext, c: AdminSettings): TemplateResult {
  const { m } = ctx;
  return section(
    'set-where',
    m.settings.where,
    html`<p class="hint">${m.settings.originsMoved(formatNumber(c.origins.length, ctx.lang))} <a href="#/install">${m.nav.install}</a></p>`,
  );
}
