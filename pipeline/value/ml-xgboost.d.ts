/** The parts of ml-xgboost (XGBoost compiled to WASM) the value stage uses; the package ships no types. */
declare module 'ml-xgboost' {
  interface XGBoostModel {
    train(x: number[][], y: number[]): void;
    predict(x: number[][]): number[];
    free(): void;
  }
  interface XGBoostConstructor {
    new (options: Record<string, string | number>): XGBoostModel;
  }
  /** The module's export is a promise that settles once the WASM module is instantiated. */
  const ready: Promise<XGBoostConstructor>;
  export default ready;
}
