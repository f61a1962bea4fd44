/**
 * The first `k` items of `items` in `compare` order, sorted, without sorting them all: a page of
 * results needs the best ten of perhaps a hundred thousand matches. A bounded heap keeps the
 * k best seen so far, with the worst of them at the root.
 */
export function selectTop<T>(items: ArrayLike<T>, k: number, compare: (a: T, b: T) => number): T[] {
  if (k <= 0) return [];
  if (k * 4 >= items.length) return Array.from(items).sort(compare).slice(0, k);
  const heap: T[] = [];
  // The heap orders by "worse first": its root is the worst of the best k.
  const worse = (a: T, b: T) => compare(a, b) > 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (heap.length < k) {
      heap.push(item);
      siftUp(heap, heap.length - 1, worse);
    } else if (compare(item, heap[0]!) < 0) {
      heap[0] = item;
      siftDown(heap, 0, worse);
    }
  }
  return heap.sort(compare);
}

function siftUp<T>(heap: T[], index: number, worse: (a: T, b: T) => boolean): void {
  let child = index;
  while (child > 0) {
    const parent = (child - 1) >> 1;
    if (!worse(heap[child]!, heap[parent]!)) return;
    [heap[child], heap[parent]] = [heap[parent]!, heap[child]!];
    child = parent;
  }
}

function siftDown<T>(heap: T[], index: number, worse: (a: T, b: T) => boolean): void {
  let parent = index;
  for (;;) {
    const left = parent * 2 + 1;
    const right = left + 1;
    let worst = parent;
    if (left < heap.length && worse(heap[left]!, heap[worst]!)) worst = left;
    if (right < heap.length && worse(heap[right]!, heap[worst]!)) worst = right;
    if (worst === parent) return;
    [heap[parent], heap[worst]] = [heap[worst]!, heap[parent]!];
    parent = worst;
  }
}
