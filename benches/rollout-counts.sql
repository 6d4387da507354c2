-- The roll-out counts of `kiemtra summary --json`, computed in DuckDB from the raw
-- inspection files, by the same rules as tests/fixtures/rollout-counts.jq (each unit once,
-- under its best standing, its latest file there; meets = every one of the 22 criteria
-- assessed and none not met). `$DIR` is replaced by the folder of inspection files.
WITH f AS (
  SELECT
    CASE WHEN coalesce(unit.unit_code, '') <> '' THEN 'code:' || lower(unit.unit_code)
         ELSE 'name:' || lower(trim(regexp_replace(unit.name, '\s+', ' ', 'g')))
              || '|' || lower(trim(regexp_replace(coalesce(unit.province, ''), '\s+', ' ', 'g')))
              || '|' || lower(trim(regexp_replace(coalesce(nullif(unit.district, ''), unit.former_district, ''), '\s+', ' ', 'g')))
    END AS key,
    CASE WHEN kind = 'self_assessment' THEN 2
         WHEN coalesce(status, 'draft') = 'draft' THEN 1 ELSE 0 END AS standing,
    date, updated_at,
    len(list_filter(json_extract_string(answers, '$.*.verdict'), lambda v: v IS NOT NULL)) = 22
      AND len(list_filter(json_extract_string(answers, '$.*.verdict'), lambda v: v = 'not_met')) = 0
      AS meets
  FROM read_json('$DIR/*.json', format = 'auto', columns = {
    unit: 'STRUCT(name VARCHAR, province VARCHAR, district VARCHAR, former_district VARCHAR, unit_code VARCHAR)',
    kind: 'VARCHAR', status: 'VARCHAR', date: 'VARCHAR', updated_at: 'VARCHAR', answers: 'JSON'})
), best AS (
  SELECT * FROM f
  QUALIFY row_number() OVER (PARTITION BY key ORDER BY standing, date DESC, updated_at DESC) = 1
)
SELECT count(*) FILTER (WHERE standing = 0) AS units_inspected,
       count(*) FILTER (WHERE standing = 0 AND meets) AS units_meeting_all,
       count(*) FILTER (WHERE standing = 1) AS units_in_progress,
       count(*) FILTER (WHERE standing = 2) AS units_self_assessed
FROM best;
