"""The query for a person's data stamp, kept free of imports so that `isohold today` can read it
with the standard library's sqlite3 alone (cli/today_cache.py) as storage/versions.py does."""

#: the person (as people.the_person: the acting one, else the first), their UUID and their data
#: version; `{where}` is empty or `WHERE p.id = N `
STAMP_SQL = (
    "SELECT p.id, p.uuid, v.version FROM people p JOIN data_versions v ON v.person_id = p.id "
    "{where}ORDER BY p.id LIMIT 1"
)
