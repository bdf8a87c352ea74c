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
#: The filter parameters this session last wrote to the URL.
URL_WRITTEN = "_filters_url_written"

# Moon map page.
VIEW = "moon_view"
SITE = "moon_site"
CHART = "moon_chart"
REGIONS = "moon_regions"
LABELS = "moon_labels"
MOON_SEEDED = "_moon_seeded"

# Earth map page.
EARTH_VIEW = "earth_view"
EARTH_HOLDER = "earth_holder"
EARTH_CHART = "earth_chart"
EARTH_COLOR = "earth_color"
EARTH_ARCS = "earth_arcs"
EARTH_COUNTRY = "earth_country"
EARTH_KIND = "earth_kind"
EARTH_YEAR = "earth_year"
EARTH_SEEDED = "_earth_seeded"
