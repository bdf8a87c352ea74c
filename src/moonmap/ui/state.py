"""Session-state keys shared by the app and its pages (one place, no string typos)."""

# Sidebar filters (widget keys).
AGE = "f_age"
METHOD = "f_method"
ROCK = "f_rock"
MISSION = "f_mission"
AGENCY = "f_agency"
SIDE = "f_side"
#: The sidebar's "More filters" box (open or closed; its widgets are built only when open).
MORE = "f_more"
AGE_SCOPE = "f_age_scope"
EVENT = "f_event"
STATUS = "f_status"

#: The filters a link brought (shown as such until they are changed).
LINKED = "_filters_linked"
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
#: The site the Moon camera faces (set when a site is chosen, cleared by a view preset).
FOCUS = "moon_focus"
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
#: The holder the Earth camera centres on (set when a holder is chosen, cleared by a preset).
EARTH_FOCUS = "earth_focus"

# Tour page.
TOUR_STEP = "tour_step"
TOUR_PRESENT = "tour_present"
TOUR_SEEDED = "_tour_seeded"

# Samples & ages page.
AGES_SEARCH = "ages_search"
AGES_SAMPLE = "ages_sample"
AGES_COLOUR = "ages_colour"
AGES_SEEDED = "_ages_seeded"

# Sample browser (bound to the URL under these names).
SB_STATION = "station"
SB_TYPE = "type"
SB_SUBTYPE = "subtype"
SB_MASS_MIN = "mass_min"
SB_MASS_MAX = "mass_max"
SB_PRISTINE = "pristine_min"
SB_SORT = "sort"
SB_DATED = "dated"

#: Widget keys whose values survive a visit to a page that does not draw them: every widget
#: with one of these keys is created with ``persist_state="session"`` (Streamlit keeps the
#: value across pages and fragment reruns; tests/app/test_state.py checks the list).
PERSISTENT = (
    AGE,
    METHOD,
    ROCK,
    MISSION,
    AGENCY,
    SIDE,
    AGE_SCOPE,
    EVENT,
    STATUS,
    VIEW,
    SITE,
    REGIONS,
    LABELS,
    EARTH_VIEW,
    EARTH_HOLDER,
    EARTH_COLOR,
    EARTH_ARCS,
    EARTH_COUNTRY,
    EARTH_KIND,
    EARTH_YEAR,
    AGES_SEARCH,
    AGES_SAMPLE,
    TOUR_STEP,
    TOUR_PRESENT,
)
