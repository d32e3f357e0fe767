import { Link } from "react-router";

/**
 * Previous / "page n of m" / next links of a paged list (review queue, screening queue, a
 * report cell's entries). Nothing when there is one page. The caller gives the texts in its
 * own namespace and how to link to a page (its filters kept).
 */
export function PageLinks(props: {
  page: number;
  pageCount: number;
  hrefOf: (page: number) => string;
  label: string;
  previous: string;
  next: string;
  status: string;
}) {
  const { page, pageCount, hrefOf } = props;
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={props.label}>
      <ul className="plain-list">
        {page > 1 ? (
          <li>
            <Link rel="prev" to={hrefOf(page - 1)}>
              {props.previous}
            </Link>
          </li>
        ) : null}
        <li>{props.status}</li>
        {page < pageCount ? (
          <li>
            <Link rel="next" to={hrefOf(page + 1)}>
              {props.next}
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
