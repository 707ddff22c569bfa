import remarkDirective from 'remark-directive'
import remarkParse from 'remark-parse'
import remarkVetted from 'remark-vetted'
import { unified } from 'unified'
import { VFile } from 'vfile'
import type { OpenCorrections } from '../src/lib/open-corrections.ts'

/** Run remark-vetted on `value` as Astro runs remark on the post at `path`, `gate` collecting what it reports. */
export async function collect(gate: OpenCorrections, path: string, value: string): Promise<void> {
  await unified()
    .use(remarkParse)
    .use(remarkDirective)
    .use(remarkVetted, { claims: false })
    .use(() => (_tree, file) => gate.collect(file))
    .run(unified().use(remarkParse).parse(value), new VFile({ path, value }))
}
