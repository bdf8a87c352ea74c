"""Session-state keys shared by the app and its pages (one place, no string typos)."""

# Sidebar filters (widget keys).
AGE = "f_age"
METHOD = "f_method"
ROCK = "f_rock"
MISSION = "f_mission"
AGENCY = "f_agency"
SIDE = "f_side"

#: Messages about query parameters that could not be used.
URL_NOTES = "url_notes"
#: Set once the URL has been read into the widgets for this session.
SEEDED = "_filters_seeded"

# Moon map page.
VIEW = "moon_view"
SITE = "moon_site"
CHART = "moon_chart"
REGIONS = "moon_regions"
LABELS = "moon_labels"
MOON_SEEDED = "_moon_seeded"
