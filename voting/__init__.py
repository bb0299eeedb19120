"""Secret-ballot electronic voting for cadre-planning conferences (hội nghị quy hoạch cán bộ)."""
