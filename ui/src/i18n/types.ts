/**
 * Types derived from the English catalogue (`en.ts`), which is the source of truth.
 */
import type { en } from './en';

type Shape<T> = { readonly [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** Any language's catalogue: the same nested keys as `en`, every leaf a string. */
export type Catalogue = Shape<typeof en>;

type Join<P extends string, K extends string> = P extends '' ? K : `${P}.${K}`;
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? Join<P, K> : Leaves<T[K], Join<P, K>>;
}[keyof T & string];

/** Every dot path to a message, e.g. `'pages.codes.title'`. */
export type MessageKey = Leaves<typeof en>;

type At<T, K extends string> = K extends `${infer H}.${infer R}`
  ? H extends keyof T
    ? At<T[H], R>
    : never
  : K extends keyof T
    ? T[K]
    : never;

type PlaceholdersOf<S> = S extends `${string}{${infer P}}${infer R}` ? P | PlaceholdersOf<R> : never;

/** Names of the `{placeholders}` of a message, read from the English text. */
export type Placeholders<K extends MessageKey> = PlaceholdersOf<At<typeof en, K>>;

export type ParamValue = string | number;

/** `t()`'s trailing arguments: none for a plain message, the params object otherwise. */
export type ParamArgs<K extends MessageKey> = [Placeholders<K>] extends [never]
  ? []
  : [params: Readonly<Record<Placeholders<K>, ParamValue>>];

/** Keys of plural messages, i.e. objects with a `zero`, `one` and `other` leaf. */
export type PluralBase = {
  [K in MessageKey]: K extends `${infer B}.other` ? B : never;
}[MessageKey];

/** Params of a plural message besides `count`, which `tn()` supplies. */
export type PluralParams<B extends PluralBase> = Readonly<
  Record<Exclude<Placeholders<`${B}.other` & MessageKey>, 'count'>, ParamValue>
>;
