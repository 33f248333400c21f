import 'server-only';
import { Meilisearch, type EnqueuedTask, type EnqueuedTaskPromise } from 'meilisearch';
import type { Entry } from '@/db/schema';
import type { SearchIndexWriter } from '@/adapters/search/types';
import { clientOptions, type MeiliConfig } from '@/adapters/search/meilisearch/config';
import { toMeiliDocument, type MeiliDocument } from '@/adapters/search/meilisearch/documents';
import {
  apiErrorCode,
  applySettings,
  assertTaskSucceeded,
  DEFAULT_TASK_TIMEOUT_MS,
  PRIMARY_KEY,
} from '@/adapters/search/meilisearch/settings';

export type WriterOptions = {
  /** Per-HTTP-request timeout; writes carry large payloads, so not the search timeout. */
  requestTimeoutMs?: number;
  /** How long to wait for each indexing task. */
  taskTimeoutMs?: number;
  /** Documents (or uids) per request. */
  batchSize?: number;
};

/** Documents per addition request; a document is ~1–3 kB, far below the 100 MB payload limit. */
export const DEFAULT_BATCH_SIZE = 5_000;
/** Page size of `listUids` (GET /indexes/{uid}/documents?fields=uid&limit=…&offset=…). */
export const LIST_PAGE_SIZE = 1_000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Keeps the Meilisearch index in step with Postgres (driven by adapters/search/sync.ts).
 * Every call resolves only once Meilisearch reports the task `succeeded`, and throws
 * otherwise (task failed or canceled, or waiting timed out), so the outbox keeps the rows.
 *
 * - `upsert`: POST /indexes/{uid}/documents (add or replace: fields absent from the new
 *   document are removed), `primaryKey: 'uid'`. The first call per writer makes sure the
 *   index exists with INDEX_SETTINGS (applySettings) — documents added to a missing index
 *   would otherwise create it with default settings.
 * - `remove`: POST /indexes/{uid}/documents/delete-batch with the uids (the client picks
 *   this route for an array; an object `{ filter }` would go to /documents/delete). Unknown
 *   uids are ignored by Meilisearch; a missing index means there is nothing to remove.
 * - `listUids`: pages through GET /indexes/{uid}/documents with `fields=uid`, using
 *   `results` and `total` of the response (https://www.meilisearch.com/docs/reference/api/documents).
 */
export class MeilisearchIndexWriter implements SearchIndexWriter {
  readonly name = 'meilisearch';
  private readonly client: Meilisearch;
  private readonly wait: { timeout: number };
  private readonly batchSize: number;
  private ready: Promise<void> | undefined;

  constructor(
    private readonly config: MeiliConfig,
    opts: WriterOptions = {},
  ) {
    this.client = new Meilisearch(clientOptions(config, opts.requestTimeoutMs ?? 30_000));
    this.wait = { timeout: opts.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS };
    this.batchSize = Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE);
  }

  private get index() {
    return this.client.index<MeiliDocument>(this.config.indexUid);
  }

  /** Creates the index and applies the settings once per writer (retried after a failure). */
  ensureIndex(): Promise<void> {
    this.ready ??= applySettings(this.client, this.config.indexUid, { taskTimeoutMs: this.wait.timeout }).catch(
      (err: unknown) => {
        this.ready = undefined;
        throw err;
      },
    );
    return this.ready;
  }

  /**
   * Enqueues the batches one request at a time (each returns at once with a task), then waits
   * for all the tasks: Meilisearch may index consecutive additions as one batch.
   */
  private async run<T>(
    batches: T[][],
    enqueue: (batch: T[]) => EnqueuedTaskPromise,
    tolerate: (code: string | undefined) => boolean = () => false,
  ): Promise<void> {
    const enqueued: EnqueuedTask[] = [];
    for (const batch of batches) {
      try {
        enqueued.push(await enqueue(batch));
      } catch (err) {
        // Refused at enqueue time (HTTP error) with a tolerated code: nothing to do.
        if (tolerate(apiErrorCode(err))) continue;
        throw err;
      }
    }
    for (const e of enqueued) {
      const task = await this.client.tasks.waitForTask(e.taskUid, this.wait);
      if (task.status !== 'succeeded' && tolerate(task.error?.code)) continue;
      assertTaskSucceeded(task);
    }
  }

  async upsert(entries: Entry[]): Promise<void> {
    if (entries.length === 0) return;
    const documents = entries.map((e) => toMeiliDocument(e, { idHashSecret: this.config.idHashSecret }));
    await this.ensureIndex();
    await this.run(chunks(documents, this.batchSize), (batch: MeiliDocument[]) =>
      this.index.addDocuments(batch, { primaryKey: PRIMARY_KEY }),
    );
  }

  async remove(uids: string[]): Promise<void> {
    const unique = [...new Set(uids)];
    if (unique.length === 0) return;
    await this.run(
      chunks(unique, this.batchSize),
      (batch: string[]) => this.index.deleteDocuments(batch),
      (code) => code === 'index_not_found',
    );
  }

  async listUids(): Promise<string[]> {
    const uids: string[] = [];
    for (let offset = 0; ; offset += LIST_PAGE_SIZE) {
      let page;
      try {
        page = await this.index.getDocuments<{ uid: string }>({ fields: ['uid'], limit: LIST_PAGE_SIZE, offset });
      } catch (err) {
        if (apiErrorCode(err) === 'index_not_found') return [];
        throw err;
      }
      for (const doc of page.results) if (typeof doc.uid === 'string') uids.push(doc.uid);
      if (page.results.length < LIST_PAGE_SIZE || offset + LIST_PAGE_SIZE >= page.total) return uids;
    }
  }
}
