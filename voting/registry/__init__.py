"""The agency's registry (docs/registry.md): its people, the attendees from outside it, the
planning in force, the terms, the holiday calendar and the dossier's documents. Each kind is
imported whole from a CSV or XLSX file (every bad row reported, nothing imported) and exported
in the same columns, so an export re-imports unchanged."""
