"""The pieces of the content checker and compiler; scripts/build_catalogue.py puts them together.

report        ContentError (file, line, field path, Vietnamese message) and the per-file reporter
yaml_lines    YAML 1.2 loading that remembers the line of every key and refuses unknown tags
schema_messages  jsonschema errors turned into plain Vietnamese
rules         per-file rules a JSON Schema cannot express (ids, slots, dates, header line)
links         links and document references inside text fields
versions      archived versions: where they live, how they are ordered
normalise     the compiled shape of a procedure (docs/architecture.md)
calendar_files  the announced days off and swapped working days
"""
