"""The site's plumbing: tables of computed numbers for glue, citations, the build stamp.

Nothing here is taught; it is what turns computed results into the pages' text.
"""
