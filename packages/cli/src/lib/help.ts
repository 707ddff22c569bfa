export const MAIN_HELP = `vetted: fact-checked posts from Markdown

Usage
  vetted init [folders...] [--astro]    set vetted up in a blog: config, CI workflow
  vetted check [paths...] [options]     check posts, write their ledgers, report
  vetted resolve <id> --annotate        publish a correction
  vetted resolve <id> --dismiss --note "why"
  vetted resolve <id> --reopen
  vetted eval [corpus] [options]        score the checker on a labelled corpus
  vetted claims [paths...] [--format json]  every sentence: claim or not, verdict, why
  vetted mv OLD NEW                     rename or move a post with its ledger
  vetted prune [paths...] [--dry-run]   remove the ledgers whose post is gone
  vetted merge-driver BASE OURS THEIRS  git's merge driver for ledgers (vetted init sets it up)
  vetted <command> --help               help for a command
  vetted --version

Paths are Markdown files or folders; without them, the config's "content"
(default: content/). The config is --config PATH, else the first of
vetted.config.json, vetted.config.ts and vetted.config.mts in the current folder.
A .ts or .mts config is an ES module (export default { ... }) in any project.

Exit codes: 0 settled, 1 something open, unchecked or stale, 2 usage, config or
input error, 130 interrupted.
`

export const CHECK_HELP = `vetted check [paths...] [options]

Finds the claims of each post and sends those its ledger (post.vetted.json) has
no verdict for to the checker when OPENAI_API_KEY or a base URL is configured;
with coverage "all" (the default) the other sentences are screened first and the
check-worthy ones judged too. Records corrections whose sentence left the post as
fixed (and back when it returns), and prints a report. Without a key it says what
is unchecked. The first Ctrl-C stops sending and keeps what is in flight; a
second one quits at once.

Options
  --ci               never touch the network or write a file; exit 1 while any
                     correction is open, any claim unchecked or any entry stale
  --format FORMAT    text (default), json, github, sarif
  --recheck          send every claim again, even those with a verdict
  --recheck-older    send again what an older checker (another prompt version
                     or model) judged or screened; with --dry-run, its cost first
  --dry-run          print what a run would send (claims, sentences to screen,
                     requests, estimated input tokens and cost) and send nothing
  --batch            screen the sentences of every post in one batch at the
                     provider's batch price (half; answered within 24 hours),
                     then judge as usual; Ctrl-C stops waiting and the next
                     --batch run collects the same batch (.vetted/batch.json)
  --shard I/N        only this runner's share of the posts, for a CI matrix of N
                     runners: shard I of N (1 ≤ I ≤ N), by a hash of each post's
                     path, so adding a post never moves another; ledgers whose
                     post is gone are named by every shard
  --config PATH      the config file (default: vetted.config.json, .ts or .mts here)
  -h, --help         this help

Environment
  OPENAI_API_KEY     the checker's key (never in vetted.config.json)
  OPENAI_BASE_URL    an OpenAI-compatible server
  NO_COLOR           no colour, even on a terminal
  VETTED_BATCH_POLL_MS  ms between polls of a --batch run's batch (default 30000)
`

export const RESOLVE_HELP = `vetted resolve <correction-id> (--annotate | --dismiss --note "why" | --reopen) [posts...]

Records the author's decision on a correction, in the ledger beside its post.
Ids (c-0123456789) are unique across the project and listed in every report.
The ledgers searched are those of the config's "content" and of the posts or
folders given (a post outside the content: the report's settle command names it).

  --annotate         publish the correction: readers see it as a card
  --dismiss          do not publish it; --note is required and kept in the ledger
  --note TEXT        the reason for a dismissal (or a note on any decision)
  --reopen           back to open
  --config PATH      the config file, whose "content" says where the ledgers are
  -h, --help         this help
`

export const MV_HELP = `vetted mv OLD NEW

Renames or moves a post with its ledger (OLD.vetted.json becomes
NEW.vetted.json). Every verdict and every correction id is kept, so nothing is
checked again and readers' links to a correction keep working. When the post
was moved already (git mv), only the ledger moves; when the ledger was renamed
by hand beside it, the ledger only records its post's new name. vetted check
names this command when a post holds the sentences of a ledger whose post is
gone. It refuses to overwrite a post or a ledger, and then changes nothing.

  -h, --help         this help
`

export const PRUNE_HELP = `vetted prune [paths...] [--dry-run]

Removes the ledgers whose post is gone (a deleted post), naming each. A ledger
whose sentences a post without a ledger holds is kept: that post was renamed,
and the line names the vetted mv command that carries the ledger over. Searches
the paths given (files or folders), else the config's "content".

  --dry-run          name the ledgers it would remove; remove none
  --config PATH      the config file, whose "content" says where the ledgers are
  -h, --help         this help
`

export const MERGE_DRIVER_HELP = `vetted merge-driver BASE OURS THEIRS

git's merge driver for ledgers (*.vetted.json). vetted init registers it in
.gitattributes (*.vetted.json merge=vetted); tell git once how to run it:

  git config merge.vetted.driver "npx vetted merge-driver %O %A %B"

It merges records, not lines: the claims and corrections of both branches, each
correction's history by date, every usage record. Where both branches decided
differently (another verdict, another status or note for one correction) and
neither left it as it was, the ledger is written with git's conflict markers
around those records and it exits 1; resolve them, then git add the ledger.

  -h, --help         this help
`

export const INIT_HELP = `vetted init [folders...] [--astro]

Sets vetted up in a blog, from the blog's folder. It creates files and never
overwrites one: a file that exists is kept and named. A second run changes
nothing and says so.

  vetted.config.json             "content": the folders of posts. Without
                                 folders, it looks for Markdown posts (.md,
                                 .markdown) in src/content/blog,
                                 src/content/posts, content/blog, content/posts,
                                 _posts, posts, blog, src/posts, content,
                                 src/content (taking each that holds posts and
                                 does not overlap one taken), else in any folder
                                 below (outermost first). node_modules, dist,
                                 build, out, _site, public, coverage, vendor and
                                 dot folders are skipped, and so are the
                                 Markdown files at the top (README.md).
  .github/workflows/vetted.yml   the CI gate on every push and pull request:
                                 install with the package manager of the
                                 lockfile (npm, pnpm, yarn or bun), then
                                 vetted check --ci --format github. Not written
                                 when a workflow already runs vetted check --ci.

Options
  --astro            also add @vetted/astro to astro.config.*: the import and
                     vetted() at the end of integrations; only once
                     @vetted/astro is installed and where the config has the
                     usual shape, else it says why and changes nothing there
  -h, --help         this help

Then it prints what to do next: install @vetted/cli, run vetted check, settle
each correction, commit the ledgers.
`

export const EVAL_HELP = `vetted eval [corpus] [options]
vetted eval --compare a.json b.json

Runs the checker, as vetted check would, on a copy of each post of a labelled
corpus (default: eval/corpus; posts and a <slug>.flags.json for each) and scores
its corrections against the labelled errors: errors caught strictly (the quote
and the error overlap by half of each or more) beside leniently (any overlap),
missed (quote too loose, not sent, screened out, judged fine, request failed),
flags elsewhere, precision, recall and F1 both ways, span exactness, stability
over runs, and cost. The corpus is never written to.

Options
  --runs K           run K times (default 1): errors caught in every and in any
                     run, and how alike the runs' flagged sentences are
  --format FORMAT    markdown (default) or json
  --json FILE        also write the result as JSON to FILE
  --record DIR       keep every response in DIR/recording.json
  --replay DIR       serve the responses kept in DIR: no network, no key
  --compare A B      two JSON results side by side
  --config PATH      the config file (model, batchSize, samples, prices)
  -h, --help         this help

Environment
  OPENAI_API_KEY     the checker's key (not needed with --replay)
  OPENAI_BASE_URL    an OpenAI-compatible server
`

export const CLAIMS_HELP = `vetted claims [paths...] [options]

Lists every sentence of each post's prose with its state (not a claim,
unchecked, supported, unverifiable, incorrect) and why: the signals detection
found for and against it, or the verdict, who gave it and when. Offline; writes
nothing.

Options
  --format FORMAT    text (default) or json
  --config PATH      the config file (its "content" and "detect")
  -h, --help         this help
`
