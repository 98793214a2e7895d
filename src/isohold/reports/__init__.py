"""Documents made from isohold data for other programs: iCalendar, later PDF, CSV, FHIR."""
