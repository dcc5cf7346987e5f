"""One module per area of the web app; each defines `router` and renders
templates/<area>/<page>.html."""
