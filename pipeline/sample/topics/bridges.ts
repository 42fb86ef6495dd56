/**
 * Core concerns two segments share: deal hunters and night browsers both ask about the app's price
 * alerts, premium buyers and delivery complainers both describe the courier, premium buyers and gift
 * shoppers both talk about presents. Text alone then blurs those pairs; behaviour (order counts,
 * prices, channels, hours, seasons) tells them apart. None names a trust-skeptic worry.
 */
export const appDeals: readonly string[] = [
  'Can the app send me a notification when something on my wishlist goes on sale?',
  'The app-only discount {didn\'t show up|disappeared} in my basket on my phone.',
  'My wishlist in the app still shows the old price for the [product], not the sale price.',
  'The price alert for the [product] {arrived|popped up} after the offer had {ended|finished}.',
  'Could you add a filter in the app for items {on offer|on sale}?',
  'I saved the [product] for later in the app hoping it would drop in price, and it {finally did|just did}.',
  'Push notifications about {flash sales|app deals} {come through|arrive} too late to be any use.',
];

export const courierVisit: readonly string[] = [
  'The courier brought the [product] on [weekday]{, right on time|, within the promised window|}.',
  'Delivery of the [product] took [days] days{, longer than I expected|}.',
  'The parcel was left with {a neighbour|the concierge} and the box was a bit {dented|scuffed}.',
  'The tracking for order [order] updated {every step of the way|only once}.',
  'The driver {called|texted} ahead before delivering the [product]{, which I appreciated|}.',
  'The delivery {van|driver} came {in the evening|late in the day} with the [product].',
];

export const presents: readonly string[] = [
  'I bought the [product] as a present and it looked {stunning|beautiful} {out of the box|once unwrapped}.',
  'The [product] made a {lovely|perfect} present for [recipient].',
  'The presentation box for the [product] is {elegant|beautiful} enough to give as a gift.',
  'Got the [product] for [recipient] and {they|she|he} {loved|adored} the quality.',
  'I {often|usually} buy presents here because everything {looks|feels} so {special|well made}.',
];
