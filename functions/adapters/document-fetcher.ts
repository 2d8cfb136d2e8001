import { DocumentFetchError, type DocumentFetcher } from '../domain/ports';

/** A document that takes longer to arrive is unreachable. */
const FETCH_TIMEOUT_MS = 15_000;

/**
 * Fetches a document the national portal keeps (its URL in a handed-over dossier), reading at most the province's
 * size limit: a larger file is refused as soon as its declared length or its bytes pass the limit.
 */
export class HttpDocumentFetcher implements DocumentFetcher {
  async fetch(url: string, limits: { maxBytes: number; allowedContentTypes: readonly string[] }) {
    let response: Response;
    try {
      response = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    } catch (error) {
      throw new DocumentFetchError('unreachable', `cannot reach ${url}: ${(error as Error).name}`);
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new DocumentFetchError('unreachable', `${url} answered ${response.status}`);
    }
    const contentType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!limits.allowedContentTypes.includes(contentType)) {
      await response.body.cancel();
      throw new DocumentFetchError('type_not_allowed', `${url} is ${contentType || 'of no stated type'}`);
    }
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > limits.maxBytes) {
      await response.body.cancel();
      throw new DocumentFetchError('too_large', `${url} is ${declared} bytes`);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        size += chunk.byteLength;
        if (size > limits.maxBytes)
          throw new DocumentFetchError('too_large', `${url} is over ${limits.maxBytes} bytes`);
        chunks.push(chunk);
      }
    } catch (error) {
      if (error instanceof DocumentFetchError) throw error;
      throw new DocumentFetchError('unreachable', `${url} broke off: ${(error as Error).name}`);
    }
    return { body: Buffer.concat(chunks), contentType };
  }
}
