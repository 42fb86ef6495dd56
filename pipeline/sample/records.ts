/** The rows of the bundled sample, one interface per CSV file, plus the planted segments they carry. */

export const orderChannels = ['web', 'app', 'store', 'catalog'] as const;
export type OrderChannel = (typeof orderChannels)[number];

export const categories = ['electronics', 'home', 'fashion', 'beauty', 'toys', 'grocery', 'books', 'sports'] as const;
export type Category = (typeof categories)[number];

export const textChannels = ['review', 'support_chat', 'email', 'social'] as const;
export type TextChannel = (typeof textChannels)[number];

export interface SampleCustomer {
  /** C00001, C00002, … in creation order, which says nothing about the segment. */
  readonly customerId: string;
  /** YYYY-MM-DD */
  readonly signupDate: string;
  readonly age: number;
  readonly gender: string;
  /** Yearly household income, rounded to 100. */
  readonly income: number;
  readonly country: string;
  readonly citySize: string;
  readonly householdSize: number;
  readonly preferredDevice: string;
  readonly newsletterOptIn: boolean;
  /** The planted segment's name: the ground truth a segmentation is scored against. */
  readonly plantedSegment: string;
}

export interface SampleTransaction {
  /** O100234 for an order, C100240 for a cancellation or return (negative quantity). */
  readonly orderId: string;
  readonly customerId: string;
  /** YYYY-MM-DD HH:MM:SS (UTC) */
  readonly orderDate: string;
  readonly product: string;
  readonly category: Category;
  readonly quantity: number;
  readonly unitPrice: number;
  readonly channel: OrderChannel;
}

export interface SampleText {
  readonly textId: string;
  readonly customerId: string;
  /** YYYY-MM-DDTHH:MM:SSZ */
  readonly createdAt: string;
  readonly channel: TextChannel;
  readonly text: string;
}

export interface PlantedSegment {
  /** Stable key, e.g. trust_skeptics. */
  readonly id: string;
  /** The value in the planted_segment column, e.g. "Trust skeptics". */
  readonly name: string;
  /** Realised share of customers in this segment, in [0, 1]. */
  readonly share: number;
  readonly customers: number;
  readonly description: string;
}
