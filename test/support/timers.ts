// Time limits under vi's fake timers: Node's AbortSignal.timeout runs on timers vi cannot fake, so
// for the current test it is replaced by a signal that a (fake) setTimeout aborts the same way, with
// a TimeoutError DOMException. Whether the client uses AbortSignal.timeout or setTimeout, its time
// limits then follow fake time.
import { onTestFinished, vi } from "vitest";

export function fakeTimeoutSignals(): void {
  const spy = vi.spyOn(AbortSignal, "timeout").mockImplementation((ms: number) => {
    const controller = new AbortController();
    setTimeout(
      () => controller.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError")),
      ms,
    );
    return controller.signal;
  });
  onTestFinished(() => spy.mockRestore());
}
