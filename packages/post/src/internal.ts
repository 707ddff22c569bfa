// @vetted/post/internal: what vetted's own packages share and a user of vetted's
// reading of a post does not call (the Markdown limits, which files are posts, the
// prose map's pieces, frontmatter blanking). Published so that the other vetted
// packages can import it from the installed package; not part of the API.
export { checkMarkdownLimits } from './lib/limits.ts'
export { checkLedgerMarkdownLimits } from './lib/ledger-limits.ts'
export { POST_EXTENSIONS, POST_FILE, postFormatOf, unreadFormatOf, type PostFormat } from './lib/formats.ts'
export { MATH_OPTIONS } from './lib/parse.ts'
export { blankFrontmatter } from './lib/post.ts'
export { NOT_PROSE_ELEMENTS, expressionText, isCodeBlockElement, proseOfBlock, sourceOffsetOf } from './lib/prose.ts'
