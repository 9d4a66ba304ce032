/** Platforms that want an answer within seconds (Slack 3 s, Discord 3 s, WeChat 5 s) get one. */

export type Raced<T> = { done: true; value: T } | { done: false; work: Promise<T> };

/** The work's result if it settles within `ms`; otherwise the still-running work, to finish in the background. */
export async function within<T>(work: Promise<T>, ms: number): Promise<Raced<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
  });
  try {
    const first = await Promise.race([work.then((value) => ({ value })), late]);
    return first === 'late' ? { done: false, work } : { done: true, value: first.value };
  } finally {
    clearTimeout(timer);
  }
}
