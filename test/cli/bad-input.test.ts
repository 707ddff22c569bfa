// Bad input to the CLI: exit 2, one clear line naming the file (and place), and
// every file exactly as it was.

import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { POST, expectRefused, project, vetted } from './support.ts'

describe('bad input', () => {
  it('a path that does not exist', async () => {
    await expectRefused(project({ 'content/a.md': POST }), ['check', 'content/nope.md'], /^vetted: content\/nope\.md: does not exist\n$/)
  })

  it('a folder with no Markdown', async () => {
    const cwd = project({ 'drafts/notes.txt': 'not a post' })
    await expectRefused(cwd, ['check', 'drafts'], /^vetted: drafts: has no Markdown files/)
  })

  it('an unreadable file, a binary file and a file that is not UTF-8', async () => {
    const cwd = project({})
    mkdirSync(join(cwd, 'content'))
    const post = join(cwd, 'content/post.md')
    if (process.getuid?.() === 0) symlinkSync('missing-target.md', post) // root reads any mode: a dangling link instead
    else {
      writeFileSync(post, POST)
      chmodSync(post, 0o000)
    }
    await expectRefused(cwd, ['check'], /^vetted: content\/post\.md: (does not exist|cannot be read \(EACCES\))\n$/)
    await expectRefused(project({ 'content/post.md': 'In 1850 there were\u0000 3 bridges.\n' }), ['check'], /^vetted: content\/post\.md:1:19: is a binary file \(it contains a NUL byte\), not Markdown\n$/)
    const latin1 = project({})
    mkdirSync(join(latin1, 'content'))
    writeFileSync(join(latin1, 'content/post.md'), Buffer.from('Caf\xe9 society grew by 40% in 1920.\n', 'latin1'))
    await expectRefused(latin1, ['check'], /^vetted: content\/post\.md:1:4: is not valid UTF-8 \(byte 0xe9 at byte offset 3: a lead byte without its continuation bytes; is the file Latin-1 or Windows-1252\?\)\n$/)
  })

  it('a config that is not JSON, and one with a wrong key, name the file, line and key', async () => {
    await expectRefused(project({ 'vetted.config.json': '{\n  "content": ["content"],\n  "batchSize" 10\n}\n', 'content/a.md': POST }), ['check'], /^vetted: vetted\.config\.json:3:15: is not valid JSON: expected ':' after a property name\n$/)
    await expectRefused(project({ 'vetted.config.json': '{\n  "content": ["content"],\n  "batchSize": "ten"\n}\n', 'content/a.md': POST }), ['check'], /^vetted: vetted\.config\.json:3:3: invalid config at batchSize: Invalid input: expected number, received string\n$/)
    await expectRefused(project({ 'vetted.config.json': '{\n  "contents": ["posts"]\n}\n', 'content/a.md': POST }), ['check'], /^vetted: vetted\.config\.json:2:3: invalid config at contents: Unrecognized key: "contents"\n$/)
    await expectRefused(project({ 'vetted.config.json': '{\n  "budget": { "requests": 0 }\n}\n', 'content/a.md': POST }), ['check'], /^vetted: vetted\.config\.json:2:\d+: invalid config at budget\.requests: Too small: expected number to be >=1\n$/)
    await expectRefused(project({ 'vetted.config.json': '{\n  "budget": { "request": 5 }\n}\n', 'content/a.md': POST }), ['check'], /^vetted: vetted\.config\.json:2:15: invalid config at budget\.request: Unrecognized key: "request"\n$/)
    await expectRefused(project({ 'vetted.config.json': '{\n  "samples": 3,\n  "minAgreement": 4\n}\n', 'content/a.md': POST }), ['check'], /^vetted: vetted\.config\.json:3:3: invalid config at minAgreement: minAgreement cannot exceed samples \(3\)\n$/)
    await expectRefused(project({ 'vetted.config.json': '{\n  "maxRetries": -1\n}\n', 'content/a.md': POST }), ['check'], /^vetted: vetted\.config\.json:2:3: invalid config at maxRetries: Too small: expected number to be >=0\n$/)
  })

  it('a config with a byte order mark is read; one with a comment is refused at the comment', async () => {
    const bom = project({ 'vetted.config.json': '\ufeff{ "content": ["writing"] }\n', 'writing/a.md': POST })
    expect((await vetted(['check', '--ci'], { cwd: bom })).stdout).toContain('writing/a.md')
    await expectRefused(project({ 'vetted.config.json': '{\n  // posts\n  "content": ["content"]\n}\n', 'content/a.md': POST }), ['check'], /^vetted: vetted\.config\.json:2:3: is not valid JSON: comments are not allowed in JSON\n$/)
  })

  it('a key in vetted.config.json is refused: it would be committed', async () => {
    const cwd = project({ 'vetted.config.json': '{\n  "model": "gpt-5.1",\n  "apiKey": "sk-live-123"\n}\n', 'content/a.md': POST })
    await expectRefused(cwd, ['check'], /^vetted: vetted\.config\.json:3:3: has an "apiKey": keep the key out of committed files; set OPENAI_API_KEY instead\n$/)
  })

  it('a server address with a user and password in vetted.config.json is refused: it would be committed', async () => {
    const cwd = project({ 'vetted.config.json': '{\n  "model": "gpt-5.1",\n  "baseURL": "https://blog:s3cret@llm.example.org/v1"\n}\n', 'content/a.md': POST })
    await expectRefused(cwd, ['check'], /^vetted: vetted\.config\.json:3:3: has a "baseURL" with credentials \(user:password@\): keep them out of committed files; set OPENAI_BASE_URL instead\n$/)
    await expectRefused(cwd, ['check', '--ci'], /^vetted: vetted\.config\.json:3:3: has a "baseURL" with credentials/)
  })

  it('a vetted.config.ts that does not parse or exports the wrong shape', async () => {
    await expectRefused(project({ 'vetted.config.ts': 'export default {\n  content: [\n', 'content/a.md': POST }), ['check'], /^vetted: vetted\.config\.ts:\d+:1: cannot be loaded: /)
    await expectRefused(project({ 'vetted.config.ts': 'export default { content: "content" }\n', 'content/a.md': POST }), ['check'], /^vetted: vetted\.config\.ts: invalid config at content: Invalid input: expected array, received string\n$/)
    await expectRefused(project({ 'content/a.md': POST }), ['check', '--config', 'elsewhere.json'], /^vetted: elsewhere\.json: does not exist\n$/)
  })

  it('no posts where the default looks for them', async () => {
    await expectRefused(project({ 'posts/a.md': POST }), ['check'], /^vetted: content: does not exist; say which posts to check \(vetted check posts\/\) or set "content" in vetted\.config\.json\n$/)
  })

  it('a broken ledger names the ledger, the line and the JSON path', async () => {
    const cwd = project({
      'content/a.md': POST,
      'content/a.vetted.json': '{\n  "version": 1,\n  "post": "a.md",\n  "claims": {\n    "0123456789abcdef": { "text": "x", "verdict": "maybe" }\n  }\n}\n',
    })
    await expectRefused(cwd, ['check'], /a\.vetted\.json:5:\d+: invalid ledger: .*claims\["0123456789abcdef"\]\.verdict/)
  })

  it('an unknown or malformed correction id for resolve', async () => {
    const cwd = project({ 'content/a.md': POST })
    await expectRefused(cwd, ['resolve', 'c-0000000000', '--annotate'], /^vetted: no correction c-0000000000 in the ledgers of 1 post/)
    await expectRefused(cwd, ['resolve', 'banana', '--annotate'], /^vetted: "banana" is not a correction id/)
  })

  it('unknown options and formats', async () => {
    const cwd = project({ 'content/a.md': POST })
    await expectRefused(cwd, ['check', '--format', 'xml'], /--format must be one of text, json, github, sarif, not "xml"/)
    await expectRefused(cwd, ['check', '--colour'], /Unknown option '--colour'/)
  })
})
