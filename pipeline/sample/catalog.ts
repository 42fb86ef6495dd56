/** The shop's product list: a name and a typical unit price per product, grouped by category. */
import type { Category } from './records.ts';

export interface Product {
  readonly name: string;
  readonly category: Category;
  readonly price: number;
}

const list = (category: Category, items: readonly (readonly [string, number])[]): Product[] =>
  items.map(([name, price]) => ({ name, category, price }));

export const catalog: Readonly<Record<Category, readonly Product[]>> = {
  electronics: list('electronics', [
    ['Wireless headset', 59], ['USB-C charger', 19], ['Bluetooth speaker', 45], ['Smart watch', 149],
    ['Portable projector', 189], ['Phone case', 15], ['E-reader', 119], ['Webcam', 49],
  ]),
  home: list('home', [
    ['Ceramic mug set', 24], ['Linen duvet cover', 79], ['Cast iron skillet', 42], ['Scented candle', 16],
    ['Desk lamp', 35], ['Throw blanket', 39], ["Chef's knife", 65], ['Bath towel set', 32],
  ]),
  fashion: list('fashion', [
    ['Wool scarf', 29], ['Leather belt', 35], ['Running jacket', 69], ['Denim jacket', 75],
    ['Wool coat', 95], ['Cotton t-shirt', 14], ['Leather handbag', 120], ['Sun hat', 45],
  ]),
  beauty: list('beauty', [
    ['Face serum', 28], ['Eau de parfum', 68], ['Lipstick set', 22], ['Hair dryer', 55],
    ['Night cream', 31], ['Nail polish set', 15], ['Body lotion', 12], ['Makeup brush set', 26],
  ]),
  toys: list('toys', [
    ['Building blocks set', 39], ['Plush bear', 18], ['Jigsaw puzzle, 1000 pieces', 17], ['Remote control car', 44],
    ['Family board game', 29], ['Wooden doll house', 85], ['Science kit', 33], ['Wooden train set', 49],
  ]),
  grocery: list('grocery', [
    ['Espresso blend, 1kg', 18], ['Green tea', 7], ['Olive oil', 11], ['Dark chocolate box', 13],
    ['Protein bar box', 15], ['Pasta bundle', 9], ['Wildflower honey', 8], ['Spice set', 21],
  ]),
  books: list('books', [
    ['Cookbook', 25], ['Thriller paperback', 10], ["Children's picture book", 12], ['Travel guide', 19],
    ['Biography hardcover', 24], ['Fantasy novel', 14], ['Colouring book', 9], ['Poetry collection', 13],
  ]),
  sports: list('sports', [
    ['Yoga mat', 29], ['Dumbbell set', 59], ['Trail backpack', 89], ['Water bottle', 16],
    ['Cycling cap', 22], ['Resistance band set', 14], ['Tennis racket', 79], ['Fitness tracker', 69],
  ]),
};
