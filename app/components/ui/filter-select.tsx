import type { ReactNode } from "react";

/**
 * One filter of a list page's GET form: a labelled select whose name is also its id, so the
 * chosen value lands in the URL. The options are the children.
 */
export function FilterSelect(props: {
  name: string;
  label: string;
  defaultValue: string | number;
  children: ReactNode;
}) {
  return (
    <div className="form-group">
      <label className="label" htmlFor={props.name}>
        {props.label}
      </label>
      <select
        className="select"
        id={props.name}
        name={props.name}
        defaultValue={props.defaultValue}
      >
        {props.children}
      </select>
    </div>
  );
}
