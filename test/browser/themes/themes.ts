// Four kinds of site the cards must look at home on, written for the tests (no
// theme's CSS is copied: each stylesheet holds representative rules of its kind,
// the ones that reach into a card): a light-only blog shaped like Astro's blog
// template, a Starlight-like docs page and a Docusaurus-classic-like one, both
// with their dark toggle (data-theme on <html>). The project's own site (site/)
// is the fourth, built with astro build by the test itself.

export interface Theme {
  name: string
  /** The page around the post's HTML. */
  page: (title: string, body: string) => string
  css: string
  /** How the theme is switched to dark: by the reader's system, or by data-theme on <html>. */
  dark: 'system' | 'data-theme'
}

const html = (attributes: string, title: string, head: string, body: string) =>
  `<!doctype html>\n<html lang="en"${attributes}><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>${head}</head><body>${body}</body></html>\n`

const styles = '<link rel="stylesheet" href="theme.css"><link rel="stylesheet" href="vetted.css">'

/** Astro's blog template: light only, large italic blockquotes with a blue bar, its own links and highlights. */
export const astroBlog: Theme = {
  name: 'astro-blog',
  dark: 'system',
  page: (title, body) =>
    html(
      '',
      title,
      styles,
      `<header><h2><a href="/">My blog</a></h2></header><main><article><div class="prose"><div class="title"><h1>${title}</h1><hr></div>${body}</div></article></main><footer>&copy; 2026 Me</footer>`,
    ),
  css: `
:root { --accent: #2337ff; --accent-dark: #000d8a; --black: 15, 18, 25; --gray: 96, 115, 159; --gray-light: 229, 233, 240; --gray-dark: 34, 41, 57; --box-shadow: 0 2px 6px rgba(var(--gray), 25%); }
body { font-family: 'Atkinson', 'Helvetica Neue', Arial, sans-serif; margin: 0; padding: 0; text-align: left; background: #fff; color: rgb(var(--gray-dark)); font-size: 20px; line-height: 1.7; overflow-wrap: break-word; }
main { width: 720px; max-width: calc(100% - 2em); margin: auto; padding: 3em 1em; }
header, footer { padding: 0 1em; }
h1, h2, h3 { margin: 0 0 0.5rem 0; color: rgb(var(--black)); line-height: 1.2; }
h1 { font-size: 3.052em; }
strong, b { font-weight: 700; color: rgb(var(--black)); }
a { color: var(--accent); }
a:hover { color: var(--accent); }
p { margin-bottom: 1em; }
.prose p { margin-bottom: 2em; }
code { padding: 2px 5px; background-color: rgb(var(--gray-light)); border-radius: 2px; }
blockquote { border-left: 4px solid var(--accent); padding: 0 0 0 20px; margin: 0; font-size: 1.333em; font-style: italic; }
mark { background-color: #ffe45c; color: rgb(var(--black)); padding: 0 0.2em; }
hr { border: none; border-top: 1px solid rgb(var(--gray-light)); }
ol, ul { padding-left: 1.5em; }
li { margin-bottom: 0.25em; }
`,
}

/** Starlight: --sl-color-* custom properties, dark by default, light under [data-theme='light'], markdown content rules. */
export const starlight: Theme = {
  name: 'starlight',
  dark: 'data-theme',
  page: (title, body) =>
    html(
      ' data-theme="light"',
      title,
      styles,
      `<div class="page"><header class="header"><a class="site-title" href="/">Docs</a></header><main><div class="content-panel"><h1 id="_top">${title}</h1><div class="sl-markdown-content">${body}</div></div></main></div>`,
    ),
  css: `
:root, ::backdrop {
  color-scheme: dark;
  --sl-color-white: #ffffff; --sl-color-gray-1: #eceef2; --sl-color-gray-2: #c0c2c7; --sl-color-gray-3: #888b96; --sl-color-gray-4: #545861; --sl-color-gray-5: #353841; --sl-color-gray-6: #24272f; --sl-color-black: #17181c;
  --sl-color-accent-low: #131e4f; --sl-color-accent: #3447ff; --sl-color-accent-high: #b3c7ff;
  --sl-color-text: var(--sl-color-gray-2); --sl-color-text-accent: var(--sl-color-accent-high); --sl-color-bg: var(--sl-color-black); --sl-color-hairline: var(--sl-color-gray-6);
  --sl-font: -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif; --sl-text-base: 1rem; --sl-line-height: 1.75;
}
:root[data-theme='light'], [data-theme='light'] ::backdrop {
  color-scheme: light;
  --sl-color-white: #17181c; --sl-color-gray-1: #24272f; --sl-color-gray-2: #353841; --sl-color-gray-3: #545861; --sl-color-gray-4: #888b96; --sl-color-gray-5: #c0c2c7; --sl-color-gray-6: #eceef2; --sl-color-gray-7: #f5f6f8; --sl-color-black: #ffffff;
  --sl-color-accent-low: #c7d6ff; --sl-color-accent: #364bff; --sl-color-accent-high: #182775;
  --sl-color-text-accent: var(--sl-color-accent); --sl-color-bg: var(--sl-color-black);
}
html { background-color: var(--sl-color-bg); }
body { margin: 0; font-family: var(--sl-font); font-size: var(--sl-text-base); line-height: var(--sl-line-height); color: var(--sl-color-text); background-color: var(--sl-color-bg); -webkit-font-smoothing: antialiased; }
.header { padding: 1rem 1.5rem; border-bottom: 1px solid var(--sl-color-hairline); }
.site-title { color: var(--sl-color-white); font-weight: 600; text-decoration: none; }
.content-panel { max-width: 45rem; margin: 0 auto; padding: 1.5rem; }
h1 { color: var(--sl-color-white); font-size: 2.5rem; line-height: 1.2; }
.sl-markdown-content :is(h1, h2, h3, h4, h5, h6) { color: var(--sl-color-white); line-height: 1.2; }
.sl-markdown-content a { color: var(--sl-color-text-accent); }
.sl-markdown-content strong { color: var(--sl-color-white); font-weight: 600; }
.sl-markdown-content :not(a, strong, em, del, span, input, code, br) + :not(a, strong, em, del, span, input, code, br, :where(.not-content *)) { margin-top: 1rem; }
.sl-markdown-content blockquote { border-inline-start: 1px solid var(--sl-color-gray-5); padding-inline-start: 1rem; margin: 0; }
.sl-markdown-content code:not(:where(.not-content *)) { background-color: var(--sl-color-gray-6); padding: 0.125rem 0.25rem; }
.sl-markdown-content mark { background-color: var(--sl-color-accent-low); color: var(--sl-color-white); }
.sl-markdown-content :is(ul, ol) { padding-inline-start: 1rem; }
`,
}

/** Docusaurus classic (Infima): --ifm-* custom properties, dark under [data-theme='dark']. */
export const docusaurus: Theme = {
  name: 'docusaurus',
  dark: 'data-theme',
  page: (title, body) =>
    html(
      ' data-theme="light"',
      title,
      styles,
      `<div id="__docusaurus"><nav class="navbar"><a class="navbar__brand" href="/">My Site</a></nav><div class="main-wrapper"><main class="container"><article><div class="theme-doc-markdown markdown"><header><h1>${title}</h1></header>${body}</div></article></main></div></div>`,
    ),
  css: `
:root {
  --ifm-color-primary: #2e8555; --ifm-color-primary-dark: #29784c; --ifm-color-primary-darkest: #205d3b;
  --ifm-background-color: #ffffff; --ifm-background-surface-color: #ffffff; --ifm-font-color-base: #1c1e21; --ifm-heading-color: inherit;
  --ifm-link-color: var(--ifm-color-primary-darkest); --ifm-link-decoration: none; --ifm-link-hover-decoration: underline;
  --ifm-font-family-base: system-ui, -apple-system, 'Segoe UI', Roboto, Ubuntu, Cantarell, 'Noto Sans', sans-serif; --ifm-font-size-base: 100%; --ifm-line-height-base: 1.65;
  --ifm-blockquote-border-left-width: 2px; --ifm-blockquote-border-color: #dadde1; --ifm-blockquote-color: #606770; --ifm-blockquote-font-size: 1rem; --ifm-blockquote-padding-horizontal: 1rem; --ifm-blockquote-padding-vertical: 0;
  --ifm-code-background: #f6f7f8; --ifm-spacing-vertical: 1rem; --ifm-paragraph-margin-bottom: 1.25rem; --ifm-color-emphasis-300: #dadde1;
}
html[data-theme='dark'] {
  color-scheme: dark;
  --ifm-color-primary: #25c2a0; --ifm-color-primary-darkest: #4fddbf;
  --ifm-background-color: #1b1b1d; --ifm-background-surface-color: #242526; --ifm-font-color-base: #e3e3e3;
  --ifm-blockquote-border-color: #444950; --ifm-blockquote-color: #bcc0c6; --ifm-code-background: #2b2b2b; --ifm-color-emphasis-300: #444950;
}
html { background-color: var(--ifm-background-color); color: var(--ifm-font-color-base); font: var(--ifm-font-size-base) / var(--ifm-line-height-base) var(--ifm-font-family-base); -webkit-font-smoothing: antialiased; }
body { margin: 0; }
.navbar { padding: 0.5rem 1rem; background: var(--ifm-background-surface-color); box-shadow: 0 1px 2px rgba(0, 0, 0, 0.1); }
.navbar__brand { color: var(--ifm-font-color-base); font-weight: 700; }
.container { max-width: 1140px; margin: 0 auto; padding: 2rem 1rem; }
.markdown { --ifm-h1-font-size: 3rem; }
h1, h2, h3 { color: var(--ifm-heading-color); font-weight: 700; line-height: 1.25; margin: 0 0 var(--ifm-spacing-vertical); }
a { color: var(--ifm-link-color); text-decoration: var(--ifm-link-decoration); }
a:hover { text-decoration: var(--ifm-link-hover-decoration); }
p { margin: 0 0 var(--ifm-paragraph-margin-bottom); }
.markdown > p, .markdown li { overflow-wrap: break-word; }
blockquote { border-left: var(--ifm-blockquote-border-left-width) solid var(--ifm-blockquote-border-color); color: var(--ifm-blockquote-color); font-size: var(--ifm-blockquote-font-size); margin: 0 0 var(--ifm-spacing-vertical); padding: var(--ifm-blockquote-padding-vertical) var(--ifm-blockquote-padding-horizontal); }
code { background-color: var(--ifm-code-background); border: 0.1rem solid rgba(0, 0, 0, 0.1); border-radius: 0.4rem; font-size: 90%; padding: 0.1rem; }
mark { background-color: #fff3b0; color: #1c1e21; }
ul, ol { margin: 0 0 var(--ifm-spacing-vertical); padding-left: 2rem; }
details { border: 1px solid var(--ifm-color-emphasis-300); border-radius: 0.4rem; padding: 0.5rem 1rem; }
summary { cursor: pointer; }
`,
}

export const THEMES: Theme[] = [astroBlog, starlight, docusaurus]
