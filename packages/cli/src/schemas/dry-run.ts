import { PositionSchema } from '@vetted/core'
import { z } from 'zod'
import { PriceSchema } from './eval.ts'

const count = z.number().int().min(0)

/** A group of requests of one kind: how many, to which model, and their input tokens as estimated. */
export const PlannedRequestsSchema = z.object({
  kind: z.enum(['investigate', 'screen', 'validate']),
  model: z.string(),
  requests: count,
  /** About 4 characters a token, over the request texts the checker would build (tools and answer format as JSON, instructions, input). */
  inputTokens: count,
})

export const DryRunPostSchema = z.object({
  path: z.string(),
  /** The claims a run would judge (with the links that go with them), in the post's order. */
  claims: z.array(z.object({ text: z.string(), start: PositionSchema, links: z.array(z.string()) })),
  /** The sentences it would screen first. */
  sentences: z.array(z.object({ text: z.string(), start: PositionSchema })),
  requests: z.array(PlannedRequestsSchema),
  /** Investigate requests that follow if the screen calls every sentence check-worthy: at most these. */
  ifCheckWorthy: PlannedRequestsSchema.nullable(),
  /** One validation per correction proposed: the input tokens of one, for a correction of typical size. */
  validationInputTokens: count.nullable(),
  /** What a run of this post is expected to send (see `total.expected`), and the input tokens the provider is expected to serve from its cache. */
  expected: z.object({ requests: count, inputTokens: count, cachedInputTokens: count }),
})

/** A rate the expected run assumes, and where it comes from: the ledgers' history, or vetted's default. */
const RateSchema = z.object({ share: z.number().min(0).max(1), from: z.enum(['ledgers', 'default']) })

/** `vetted check --dry-run --format json`. */
export const DryRunSchema = z.object({
  version: z.literal(1),
  /** The host a run would send to (from OPENAI_BASE_URL or baseURL, else OpenAI's); null when no key or server is set. */
  endpoint: z.string().nullable(),
  posts: z.array(DryRunPostSchema),
  total: z.object({
    requests: count,
    inputTokens: count,
    /** Investigate requests: each makes at least one web search. */
    searchesAtLeast: count,
    /** At most this many more requests (and their input tokens) if the screen calls every sentence check-worthy. */
    ifCheckWorthy: z.object({ requests: count, inputTokens: count }),
    /**
     * Validations to expect (one per correction proposed; not in `requests`): the share of
     * the claims these ledgers hold a verdict for that got a correction (else the default,
     * eval/corpus's planted errors per claim), times the claims to judge, and their input
     * tokens at a typical correction's size.
     */
    validations: RateSchema.extend({ requests: count, inputTokens: count }),
    /**
     * What a run is expected to send: `requests`, the investigations of the sentences the
     * screen is expected to call check-worthy (share `checkWorthy`), and the validations;
     * the input tokens the provider is expected to serve from its prompt cache; the web
     * searches (one an investigate request); and how many requests are under the
     * 1,024-token floor below which nothing is cached.
     */
    expected: z.object({
      requests: count,
      inputTokens: count,
      cachedInputTokens: count,
      searches: count,
      underCacheMinimum: count,
      checkWorthy: RateSchema,
    }),
  }),
  /**
   * The expected run's input tokens at list price (cached ones at the cached price) plus
   * its web searches; output tokens come on top. Null when the price table lacks a model.
   */
  cost: z.object({ dollars: z.number().min(0).nullable(), prices: z.record(z.string(), PriceSchema) }),
})
export type DryRun = z.infer<typeof DryRunSchema>
export type DryRunPost = z.infer<typeof DryRunPostSchema>
