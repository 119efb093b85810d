"""Who said what: attributions (source, cue, content), reports and each party's response.

``component`` is the spaCy component; the rule modules beside it each do one job.
"""
