/**
 * A view of `client` that reports every failed call to `onFailure`; results and errors pass
 * through unchanged. Methods run on the real object, so clients with private fields work, and
 * `instanceof` still sees the client's class. Nested groups (`proposals`, `signIn`) are watched too.
 */
export function watchClient<Client extends object>(client: Client, onFailure: (error: unknown) => void): Client {
  const views = new WeakMap<object, object>();

  const report = (result: unknown): unknown => {
    if (result instanceof Promise) {
      return result.catch((error: unknown) => {
        onFailure(error);
        throw error;
      });
    }
    return result;
  };

  const view = <Target extends object>(target: Target): Target => {
    const known = views.get(target);
    if (known) return known as Target;
    const watched = new Proxy(target, {
      get(object, key) {
        const value: unknown = Reflect.get(object, key);
        if (typeof value === 'function') {
          return (...args: unknown[]) => {
            try {
              return report(Reflect.apply(value, object, args));
            } catch (error) {
              onFailure(error);
              throw error;
            }
          };
        }
        if (typeof value === 'object' && value !== null && !(value instanceof Promise)) return view(value);
        return value;
      },
    });
    views.set(target, watched);
    return watched;
  };

  return view(client);
}
