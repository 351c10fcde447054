"""Session packs: per lesson and language, the handbook's pages for one session, and the same imposed as a booklet.

A pack holds the plan, text, activity and its cut-out cards, worksheet and answer key, with a cover, the lesson's
leaflet and lined notes pages. The pages are taken from the rendered handbook (one layout, no second render).
"""
