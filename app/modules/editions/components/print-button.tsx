/**
 * Opens the browser's print dialog. A plain button needs JavaScript: until the page has
 * hydrated it does nothing, and the browser's own Print command works as well.
 */
export function PrintButton(props: { label: string }) {
  return (
    <p className="no-print">
      <button type="button" className="button button--secondary" onClick={() => window.print()}>
        {props.label}
      </button>
    </p>
  );
}
