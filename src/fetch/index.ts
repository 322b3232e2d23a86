export { createFetcher, createFetchers } from './fetcher.js';
export type { Fetcher, HostGate, PictureContext, PictureFetcher, PageFetcher } from './fetcher.js';
export type { BytesAnswer } from './http.js';
export { buildRequest, FEED_ACCEPT, instanceOf } from './request.js';
export type { RequestOptions } from './request.js';
export { withAccessKey } from './access-key.js';
export { decodeFeed, headerCharset, prologCharset } from './charset.js';
export type { FetchResult, HttpCache, RequestPlan } from './types.js';
