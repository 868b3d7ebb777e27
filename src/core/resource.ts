import type { RequestPipeline } from './request-pipeline.js';

/** Base of every resource: the pipeline it sends its requests through. */
export abstract class APIResource {
  /** @internal */
  protected readonly pipeline: RequestPipeline;

  /** @internal */
  constructor(pipeline: RequestPipeline) {
    this.pipeline = pipeline;
  }
}
