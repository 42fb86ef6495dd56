/** What a label or reason says about one feature: checked against the segment's numbers. */
export interface Claim {
  readonly feature: string;
  readonly direction: 'higher' | 'lower';
  /** The words of the label or reason that make the claim. */
  readonly phrase: string;
}
