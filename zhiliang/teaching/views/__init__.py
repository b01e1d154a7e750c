"""Teaching pages, by domain: observations, inspections, homework, summaries, forms (rubrics) and exports."""
