-- AlterTable
ALTER TABLE "DatasetEntry" ADD COLUMN     "csvApprovedAt" TEXT,
ADD COLUMN     "csvFiguresFr" TEXT,
ADD COLUMN     "csvFiguresNl" TEXT,
ADD COLUMN     "csvFunding" TEXT,
ADD COLUMN     "csvNarrative" TEXT;

-- The dataset CSV's cells that are an entry's own, written once when the entry is inserted
-- (entries never change), so that a download only joins them with the names and labels of its
-- language. The rules are dataset/csv.ts's: an apostrophe before a formula's first character,
-- quotes (doubled inside) around a cell holding ; " , or a line break. A change of those rules
-- needs a migration that writes these columns again.

-- csvCell of a text: '' for NULL; as csv.ts, neutralised first (an apostrophe before = + - @,
-- tab, carriage return, and their full-width forms), then quoted if it needs it.
CREATE FUNCTION "dataset_csv_cell"(x text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
  SELECT CASE
    WHEN t IS NULL THEN ''
    WHEN strpos(t, '"') > 0 OR strpos(t, ';') > 0 OR strpos(t, ',') > 0
         OR strpos(t, E'\n') > 0 OR strpos(t, E'\r') > 0
      THEN '"' || replace(t, '"', '""') || '"'
    ELSE t END
    FROM (SELECT CASE WHEN ascii(x) IN (61, 43, 45, 64, 9, 13, 65309, 65291, 65293, 65312)
                      THEN '''' || x ELSE x END AS t) neutralised
$fn$;

-- The figures' cell, "label: value unit | …", whole numbers grouped by `separator` as
-- formatNumber writes them; NULL when JavaScript must write it (a figure that is not an object,
-- a number that is not whole or has more than 15 digits).
CREATE FUNCTION "dataset_csv_figures"(figures jsonb, separator text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
  SELECT CASE
    WHEN jsonb_typeof(figures) <> 'array' OR figures = '[]'::jsonb THEN ''
    WHEN jsonb_path_exists(figures,
      'strict $[*] ? (@.type() != "object" || (@.value.type() == "number" && (@.value.floor() != @.value || @.value.abs() > 999999999999999)))',
      '{}', true) THEN NULL
    ELSE (
      SELECT "dataset_csv_cell"(string_agg(
          (CASE WHEN jsonb_typeof(x -> 'label') = 'string' THEN x ->> 'label' ELSE '' END) || ': '
          || (CASE jsonb_typeof(x -> 'value')
                WHEN 'string' THEN x ->> 'value'
                WHEN 'number' THEN
                  (CASE WHEN (x -> 'value')::numeric < 0 THEN '-' ELSE '' END)
                  || regexp_replace(abs(trunc((x -> 'value')::numeric))::text,
                                    '([0-9])(?=([0-9]{3})+$)', '\1' || separator, 'g')
                ELSE '' END)
          || (CASE WHEN jsonb_typeof(x -> 'unit') = 'string' AND x ->> 'unit' <> ''
                   THEN ' ' || (x ->> 'unit') ELSE '' END),
          ' | ' ORDER BY n))
        FROM jsonb_array_elements(figures) WITH ORDINALITY AS y(x, n))
    END
$fn$;

-- The attachments' cell: their names joined by ", "; NULL when JavaScript must write it (a
-- name that is not text).
CREATE FUNCTION "dataset_csv_attachments"(attachments jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
  SELECT CASE
    WHEN jsonb_typeof(attachments) <> 'array' OR attachments = '[]'::jsonb THEN ''
    WHEN jsonb_path_exists(attachments,
      'strict $[*] ? (@.type() == "object" && exists(@.fileName) && @.fileName.type() != "string")',
      '{}', true) THEN NULL
    ELSE (
      SELECT "dataset_csv_cell"(string_agg(x ->> 'fileName', ', ' ORDER BY n))
        FROM jsonb_array_elements(attachments) WITH ORDINALITY AS y(x, n)
       WHERE jsonb_typeof(x) = 'object' AND jsonb_typeof(x -> 'fileName') = 'string'
         AND x ->> 'fileName' <> '')
    END
$fn$;

-- Whatever an INSERT gives for these columns, the entry's own cells are written here; an UPDATE
-- that names one of them writes them all again from the entry (the backfill below, and a
-- future migration changing the rules), so they can never be made to say something else.
-- French groups digits with a narrow no-break space (U+202F), Dutch with a full stop.
CREATE FUNCTION "dataset_entry_csv_cells"() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
  attachments text;
BEGIN
  attachments := "dataset_csv_attachments"(NEW."attachments");
  NEW."csvFunding" := "dataset_csv_cell"(NEW."fundingTitle") || ';' || "dataset_csv_cell"(NEW."measureCode");
  NEW."csvNarrative" := "dataset_csv_cell"(array_to_string(NEW."missionCodes", ', '))
    || ';' || coalesce(NEW."narrativeLanguage"::text, '') || ';' || "dataset_csv_cell"(NEW."narrative");
  NEW."csvFiguresFr" := "dataset_csv_figures"(NEW."figures", U&'\202F') || ';' || attachments;
  NEW."csvFiguresNl" := "dataset_csv_figures"(NEW."figures", '.') || ';' || attachments;
  -- (Stored as UTC without a time zone, as Prisma writes DateTime.)
  NEW."csvApprovedAt" := to_char((NEW."approvedAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Brussels',
                                 'YYYY-MM-DD HH24:MI');
  RETURN NEW;
END
$fn$;

-- Named so that it runs before "DatasetEntry_history_only" (triggers run in name order), which
-- then sees the entry unchanged.
CREATE TRIGGER "DatasetEntry_csv_cells"
  BEFORE INSERT
  OR UPDATE OF "csvFunding", "csvNarrative", "csvFiguresFr", "csvFiguresNl", "csvApprovedAt"
  ON "DatasetEntry"
  FOR EACH ROW EXECUTE FUNCTION "dataset_entry_csv_cells"();

-- The entries already there: their cells written by the trigger above, the only change they
-- ever get (the history trigger, which refuses any, set aside for it).
ALTER TABLE "DatasetEntry" DISABLE TRIGGER "DatasetEntry_history_only";
UPDATE "DatasetEntry" SET "csvFunding" = NULL;
ALTER TABLE "DatasetEntry" ENABLE TRIGGER "DatasetEntry_history_only";
