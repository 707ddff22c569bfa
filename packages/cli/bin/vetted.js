#!/usr/bin/env node
// The `vetted` command. Node >= 22.12 runs the TypeScript sources directly.
import '../src/main.ts'
