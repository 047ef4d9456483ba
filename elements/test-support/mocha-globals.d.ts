// The BDD globals that @web/test-runner's mocha provides in the browser. @types/mocha is not a
// dependency; this covers what the element tests use.

interface MochaTestContext {
  timeout(milliseconds: number): void;
}

type MochaCallback = (this: MochaTestContext) => void | Promise<void>;

declare function describe(title: string, body: () => void): void;
declare function it(title: string, body: MochaCallback): void;
declare function before(body: MochaCallback): void;
declare function after(body: MochaCallback): void;
declare function beforeEach(body: MochaCallback): void;
declare function afterEach(body: MochaCallback): void;
