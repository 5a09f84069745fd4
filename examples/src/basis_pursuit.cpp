// The basis-pursuit solver (not written yet).
