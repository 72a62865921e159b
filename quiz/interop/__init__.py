"""Export to the platforms teachers use (GIFT and Moodle XML for Moodle, QTI for Canvas), and import from GIFT."""

FORMATS = ("gift", "moodle-xml", "qti")  # what `quiz export --format` and the app offer
