/**
 * Appends every element of `items` to `into`. `into.push(...items)` passes each as an argument, and
 * past about 100,000 V8 runs out of stack (a full build at 200,000 items removes as many old search
 * files: "Maximum call stack size exceeded").
 */
export function pushAll<T>(into: T[], items: Iterable<T>): void {
  for (const item of items) into.push(item);
}
