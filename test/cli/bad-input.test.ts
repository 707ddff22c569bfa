// Bad input to the CLI: exit 2, one clear line naming the file (and place), and
// every file exactly as it was.

import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { POST, expectRefused, project, vettedInProcess } from './support.ts'

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
    if (process.getuid?.() === 0)
      symlinkSync('missing-target.md', post) // root reads any mode: a dangling link instead
    else {
      writeFileSync(post, POST)
      chmodSync(post, 0o000)
    }
    await expectRefused(cwd, ['check'], /^vetted: content\/post\.md: (does not exist|cannot be read \(EACCES\))\n$/)
    await expectRefused(
      project({ 'content/post.md': 'In 1850 there were\u0000 3 bridges.\n' }),
      ['check'],
      /^vetted: content\/post\.md:1:19: is a binary file \(it contains a NUL byte\), not Markdown\n$/,
    )
    const latin1 = project({})
    mkdirSync(join(latin1, 'content'))
    writeFileSync(join(latin1, 'content/post.md'), Buffer.from('Caf\xe9 society grew by 40% in 1920.\n', 'latin1'))
    await expectRefused(
      latin1,
      ['check'],
      /^vetted: content\/post\.md:1:4: is not valid UTF-8 \(byte 0xe9 at byte offset 3: a lead byte without its continuation bytes; is the file Latin-1 or Windows-1252\?\)\n$/,
    )
  })

  it('a config that is not JSON, and one with a wrong key, name the file, line and key', async () => {
    await expectRefused(
      project({ 'vetted.config.json': '{\n  "content": ["content"],\n  "batchSize" 10\n}\n', 'content/a.md': POST }),
      ['check'],
      /^vetted: vetted\.config\.json:3:15: is not valid JSON: expected ':' after a property name\n$/,
    )
    await expectRefused(
      project({ 'vetted.config.json': '{\n  "content": ["content"],\n  "batchSize": "ten"\n}\n', 'content/a.md': POST }),
      ['check'],
      /^vetted: vetted\.config\.json:3:3: invalid config at batchSize: Invalid input: expected number, received string\n$/,
    )
    await expectRefused(
      project({ 'vetted.config.json': '{\n  "contents": ["posts"]\n}\n', 'content/a.md': POST }),
      ['check'],
      /^vetted: vetted\.config\.json:2:3: invalid config at contents: Unrecognized key: "contents"\n$/,
    )
    await expectRefused(
      project({ 'vetted.config.json': '{\n  "budget": { "requests": 0 }\n}\n', 'content/a.md': POST }),
      ['check'],
      /^vetted: vetted\.config\.json:2:\d+: invalid config at budget\.requests: Too small: expected number to be >=1\n$/,
    )
    await expectRefused(
      project({ 'vetted.config.json': '{\n  "budget": { "request": 5 }\n}\n', 'content/a.md': POST }),
      ['check'],
      /^vetted: vetted\.config\.json:2:15: invalid config at budget\.request: Unrecognized key: "request"\n$/,
    )
    await expectRefused(
      project({ 'vetted.config.json': '{\n  "samples": 3,\n  "minAgreement": 4\n}\n', 'content/a.md': POST }),
      ['check'],
      /^vetted: vetted\.config\.json:3:3: invalid config at minAgreement: minAgreement cannot exceed samples \(3\)\n$/,
    )
    await expectRefused(
      project({ 'vetted.config.json': '{\n  "maxRetries": -1\n}\n', 'content/a.md': POST }),
      ['check'],
      /^vetted: vetted\.config\.json:2:3: invalid config at maxRetries: Too small: expected number to be >=0\n$/,
    )
  })

  it('a config with a byte order mark is read; one with a comment is refused at the comment', async () => {
    const bom = project({ 'vetted.config.json': '\ufeff{ "content": ["writing"] }\n', 'writing/a.md': POST })
    expect((await vettedInProcess(['check', '--ci'], { cwd: bom })).stdout).toContain('writing/a.md')
    await expectRefused(
      project({ 'vetted.config.json': '{\n  // posts\n  "content": ["content"]\n}\n', 'content/a.md': POST }),
      ['check'],
      /^vetted: vetted\.config\.json:2:3: is not valid JSON: comments are not allowed in JSON\n$/,
    )
  })

  it('a key in vetted.config.json is refused: it would be committed', async () => {
    const cwd = project({ 'vetted.config.json': '{\n  "model": "gpt-5.1",\n  "apiKey": "sk-live-123"\n}\n', 'content/a.md': POST })
    await expectRefused(
      cwd,
      ['check'],
      /^vetted: vetted\.config\.json:3:3: has an "apiKey": keep the key out of committed files; set OPENAI_API_KEY instead\n$/,
    )
  })

  it('a server address with a user and password in vetted.config.json is refused: it would be committed', async () => {
    const cwd = project({
      'vetted.config.json': '{\n  "model": "gpt-5.1",\n  "baseURL": "https://blog:s3cret@llm.example.org/v1"\n}\n',
      'content/a.md': POST,
    })
    await expectRefused(
      cwd,
      ['check'],
      /^vetted: vetted\.config\.json:3:3: has a "baseURL" with credentials \(user:password@\): keep them out of committed files; set OPENAI_BASE_URL instead\n$/,
    )
    await expectRefused(cwd, ['check', '--ci'], /^vetted: vetted\.config\.json:3:3: has a "baseURL" with credentials/)
  })

  it('a vetted.config.ts that does not parse or exports the wrong shape', async () => {
    await expectRefused(
      project({ 'vetted.config.ts': 'export default {\n  content: [\n', 'content/a.md': POST }),
      ['check'],
      /^vetted: vetted\.config\.ts:\d+:1: cannot be loaded: /,
      { subprocess: true },
    )
    await expectRefused(
      project({ 'vetted.config.ts': 'export default { content: "content" }\n', 'content/a.md': POST }),
      ['check'],
      /^vetted: vetted\.config\.ts: invalid config at content: Invalid input: expected array, received string\n$/,
      { subprocess: true },
    )
    await expectRefused(
      project({ 'content/a.md': POST }),
      ['check', '--config', 'elsewhere.json'],
      /^vetted: elsewhere\.json: does not exist\n$/,
    )
  })

  it('no posts where the default looks for them', async () => {
    await expectRefused(
      project({ 'posts/a.md': POST }),
      ['check'],
      /^vetted: content: does not exist; say which posts to check \(vetted check posts\/\) or set "content" in vetted\.config\.json\n$/,
    )
  })

  it('a broken ledger names the ledger, the line and the JSON path', async () => {
    const cwd = project({
      'content/a.md': POST,
      'content/a.vetted.json':
        '{\n  "version": 1,\n  "post": "a.md",\n  "claims": {\n    "0123456789abcdef": { "text": "x", "verdict": "maybe" }\n  }\n}\n',
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

  describe('messages that say what is wrong and where', () => {
    /** A project whose one post is `bytes`. */
    function withPostBytes(bytes: Buffer): string {
      const cwd = project({})
      mkdirSync(join(cwd, 'content'))
      writeFileSync(join(cwd, 'content/post.md'), bytes)
      return cwd
    }

    it('a surrogate, an overlong form and a sequence cut short by the end are named with their bytes and place', async () => {
      // Before: "byte 0xundefined at byte offset <the file's length>" for the first and the last.
      const surrogate = withPostBytes(
        Buffer.concat([Buffer.from('# Title\n\nIn 1850 '), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(' bridges.\n')]),
      )
      await expectRefused(
        surrogate,
        ['check', '--ci'],
        /^vetted: content\/post\.md:3:9: is not valid UTF-8 \(bytes 0xed 0xa0 0x80 at byte offset 17: an encoded surrogate \(CESU-8 or WTF-8, not UTF-8\)\)\n$/,
      )
      const overlong = withPostBytes(Buffer.concat([Buffer.from('A path '), Buffer.from([0xc0, 0xaf]), Buffer.from(' here.\n')]))
      await expectRefused(
        overlong,
        ['check', '--ci'],
        /^vetted: content\/post\.md:1:8: is not valid UTF-8 \(bytes 0xc0 0xaf at byte offset 7: an overlong sequence\)\n$/,
      )
      const cut = withPostBytes(Buffer.concat([Buffer.from('Price: 5 '), Buffer.from([0xe2, 0x82])]))
      await expectRefused(
        cut,
        ['check', '--ci'],
        /^vetted: content\/post\.md:1:10: is not valid UTF-8 \(bytes 0xe2 0x82 at byte offset 9: a sequence cut short by the end of the file\)\n$/,
      )
    })

    it('a UTF-16 post is called UTF-16, with or without a byte order mark, not binary', async () => {
      const text = 'In 1850, Millbrook had 1,200 residents.\n'
      await expectRefused(
        withPostBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])),
        ['check', '--ci'],
        /^vetted: content\/post\.md: is UTF-16 \(little-endian, with a byte order mark\), not UTF-8\n$/,
      )
      await expectRefused(
        withPostBytes(Buffer.from(text, 'utf16le')),
        ['check', '--ci'],
        /^vetted: content\/post\.md: is UTF-16 \(little-endian, without a byte order mark\), not UTF-8\n$/,
      )
      await expectRefused(
        withPostBytes(Buffer.from(text, 'utf16le').swap16()),
        ['check', '--ci'],
        /^vetted: content\/post\.md: is UTF-16 \(big-endian, without a byte order mark\), not UTF-8\n$/,
      )
    })

    it('a ledger with a byte order mark is read like one without', async () => {
      const cwd = project({ 'content/a.md': POST })
      const plain = await vettedInProcess(['check', '--ci', '--format', 'json'], { cwd })
      writeFileSync(
        join(cwd, 'content/a.vetted.json'),
        `\ufeff${JSON.stringify({ version: 2, post: 'a.md', claims: {}, corrections: {} }, null, 2)}\n`,
      )
      const marked = await vettedInProcess(['check', '--ci', '--format', 'json'], { cwd })
      expect(marked.stderr).toBe('')
      expect(marked.code).toBe(plain.code)
    })

    it('a key twice in a ledger or a config is refused naming the key and both lines', async () => {
      const twice: Array<[Record<string, string>, RegExp]> = [
        [
          {
            'content/a.vetted.json': '{\n  "version": 2,\n  "post": "a.md",\n  "claims": {},\n  "post": "b.md",\n  "corrections": {}\n}\n',
          },
          /^vetted: content\/a\.vetted\.json:5:3: has the key "post" twice in one object \(the first at line 3\)\n$/,
        ],
        [
          { 'vetted.config.json': '{\n  "content": ["content"],\n  "model": "a",\n  "content": ["posts"]\n}\n' },
          /^vetted: vetted\.config\.json:4:3: has the key "content" twice in one object \(the first at line 2\)\n$/,
        ],
      ]
      for (const [files, refusal] of twice) await expectRefused(project({ 'content/a.md': POST, ...files }), ['check', '--ci'], refusal)
    })

    it('a .ts config that exports a Promise says to export the object, not treated as empty', async () => {
      const cwd = project({ 'vetted.config.ts': 'export default Promise.resolve({ content: ["writing"] })\n', 'writing/a.md': POST })
      await expectRefused(
        cwd,
        ['check', '--ci'],
        /^vetted: vetted\.config\.ts: exports a Promise; export the config object itself \(use top-level await for anything asynchronous\)\n$/,
        { subprocess: true },
      )
    })

    it('a .ts config that throws something not an Error exits 2 saying what it threw, not 70', async () => {
      await expectRefused(
        project({ 'vetted.config.ts': 'throw null\n', 'content/a.md': POST }),
        ['check', '--ci'],
        /^vetted: vetted\.config\.ts: cannot be loaded: it threw null\n$/,
        { subprocess: true },
      )
      await expectRefused(
        project({ 'vetted.config.ts': 'throw "no key"\n', 'content/a.md': POST }),
        ['check', '--ci'],
        /^vetted: vetted\.config\.ts: cannot be loaded: it threw "no key"\n$/,
        { subprocess: true },
      )
    })

    it('render: ["open"] is refused by the config as by the Astro integration (open corrections are the preview\'s)', async () => {
      const cwd = project({ 'vetted.config.json': '{\n  "render": ["open"]\n}\n', 'content/a.md': POST })
      await expectRefused(
        cwd,
        ['check', '--ci'],
        /^vetted: vetted\.config\.json:2:\d+: invalid config at render\[0\]: Invalid option: expected one of "annotate"\|"dismiss"\n$/,
      )
      const { default: vettedIntegration } = await import('@vetted/astro')
      expect(() => vettedIntegration({ render: ['open' as 'annotate'] })).toThrow(
        '@vetted/astro: invalid option render[0]: Invalid option: expected one of "annotate"|"dismiss"',
      )
    })
  })
})
