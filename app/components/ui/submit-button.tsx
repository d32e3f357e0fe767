import { useNavigation } from "react-router";

/**
 * A form's submit button that says it is working while its form is being sent. Without
 * JavaScript it is a plain submit button; with it, the pending label is shown and announced
 * (a status region), and the button is disabled so a second click sends nothing twice.
 */
export function SubmitButton(props: {
  label: string;
  pendingLabel: string;
  className?: string;
  /** The form's action, when the page holds several forms; any submission otherwise. */
  action?: string;
}) {
  const navigation = useNavigation();
  const pending =
    navigation.state === "submitting" &&
    (props.action === undefined || navigation.formAction === props.action);
  return (
    <>
      <button
        type="submit"
        className={props.className ?? "button"}
        disabled={pending}
        aria-describedby={pending ? "submit-pending" : undefined}
      >
        {pending ? props.pendingLabel : props.label}
      </button>
      <span role="status" id="submit-pending" className="visually-hidden">
        {pending ? props.pendingLabel : ""}
      </span>
    </>
  );
}
