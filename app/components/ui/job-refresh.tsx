// A page that watches background work (an import, an edition's freeze) while it runs: with
// JavaScript the page asks again every two seconds and says so; without, it says to refresh and
// offers the button that does (a GET of the same page). The hint describes the button.
import { useEffect, useId, useSyncExternalStore } from "react";
import { Form, useRevalidator } from "react-router";

/** Asks the page's loaders again every two seconds while `running`. */
export function useRevalidateWhile(running: boolean) {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") void revalidator.revalidate();
    }, 2000);
    return () => clearInterval(timer);
  }, [running, revalidator]);
}

const subscribeToNothing = () => () => {};

export function JobRefresh(props: {
  /** The page's own URL. */
  action: string;
  /** Said once the page refreshes itself (JavaScript running). */
  liveHint: string;
  /** Said before, and without JavaScript. */
  manualHint: string;
  button: string;
}) {
  const hintId = useId();
  // False on the server and at hydration (the same markup), true once the page runs.
  const live = useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
  return (
    <Form method="get" action={props.action}>
      <p className="hint" id={hintId}>
        {live ? props.liveHint : props.manualHint}
      </p>
      <button type="submit" className="button" aria-describedby={hintId}>
        {props.button}
      </button>
    </Form>
  );
}
