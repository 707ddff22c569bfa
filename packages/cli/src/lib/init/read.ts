// The one way `vetted init` reads a project's files (package.json, lock files, the
// Astro config, workflows): core's safe reader. A FIFO is refused instead of
// waited on, a device is never read, and a symlink may point only inside the
// repository (the top `init` writes the workflow to), so a file linked to
// /etc/passwd or /dev/zero is one line and exit 2.

import { readRegularText } from '@vetted/core/internal'

/** A manifest, a config or a workflow is a few kilobytes: this is far past any real one. */
const MAX_PROJECT_FILE_BYTES = 1024 * 1024

/**
 * The text of `path`, `undefined` when it does not exist. `top` is the repository;
 * `what` names the file in the error. With `head`, only the first `maxBytes` are
 * read, however long the file (a lock file's header).
 */
export function readProjectText(
  path: string,
  top: string,
  what: string,
  options: { maxBytes?: number; head?: boolean } = {},
): string | undefined {
  return readRegularText(path, { maxBytes: options.maxBytes ?? MAX_PROJECT_FILE_BYTES, what, root: top, head: options.head ?? false })
}
