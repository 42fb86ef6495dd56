/** A minimum spanning tree as flat arrays: the shape Prim's and Borůvka's algorithms both return. */
export interface SpanningTree {
  /** Edge e joins from[e] and to[e]; edges are in the order Prim's algorithm added them. */
  readonly from: Int32Array;
  readonly to: Int32Array;
  /** Mutual reachability distance (not squared). */
  readonly weight: Float64Array;
}
