import { createAgglomerative } from './agglomerative.ts';
import { runClustererConformance } from './conformance.ts';
import { createHdbscan } from './hdbscan.ts';
import { createKMeans } from './kmeans.ts';

// HDBSCAN may order equal mutual-reachability merges differently once rows move, hence 0.99.
runClustererConformance('hdbscan', () => createHdbscan({ minClusterSize: 10 }), { permutationMinAri: 0.99 });
runClustererConformance('kmeans (k = 3)', () => createKMeans({ k: 3 }));
runClustererConformance('agglomerative (k = 3)', () => createAgglomerative({ k: 3 }));
// Both MST paths meet the whole contract; boruvka.test.ts checks they agree exactly.
runClustererConformance('hdbscan (Prim)', () => createHdbscan({ minClusterSize: 10, mstAlgorithm: 'prim' }), { permutationMinAri: 0.99 });
runClustererConformance('hdbscan (Borůvka)', () => createHdbscan({ minClusterSize: 10, mstAlgorithm: 'boruvka' }), { permutationMinAri: 0.99 });
