/**
 * An i18next instance for the view tests, with the real analysis.json of both languages, and a
 * renderer to static HTML (react-dom/server: no DOM needed).
 */
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { createInstance, type i18n as I18n } from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import en from '../../../renderer/i18n/locales/en/analysis.json' with { type: 'json' };
import zh from '../../../renderer/i18n/locales/zh/analysis.json' with { type: 'json' };

export const EN = en;
export const ZH = zh;

export function makeI18n(lng: 'en' | 'zh-CN'): I18n {
  const i = createInstance();
  void i.use(initReactI18next).init({
    lng,
    fallbackLng: 'en',
    ns: ['analysis'],
    defaultNS: 'analysis',
    resources: { en: { analysis: en }, 'zh-CN': { analysis: zh } },
    interpolation: { escapeValue: false },
    initAsync: false,
    react: { useSuspense: false },
    showSupportNotice: false,
  } as Parameters<I18n['init']>[0]);
  return i;
}

/** Static HTML of an element under an i18n provider of the language. */
export function render(el: ReactElement, lng: 'en' | 'zh-CN' = 'en'): string {
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n: makeI18n(lng) }, el));
}

/** The text of the HTML (tags dropped, entities decoded), spaces collapsed. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every key path of a nested JSON object ("a.b.c"). */
export function keyPaths(o: unknown, prefix = ''): string[] {
  if (typeof o !== 'object' || o === null) return [prefix];
  return Object.entries(o).flatMap(([k, v]) => keyPaths(v, prefix ? `${prefix}.${k}` : k));
}
