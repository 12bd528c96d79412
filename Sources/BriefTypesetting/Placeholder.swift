// The Cairo/Pango wrapper (being written).
