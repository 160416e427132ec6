"""The werkplaats's rate limits (herstel/ratelimit.py counts them, shared by every server).

A whole room often shares one address (school or office wifi behind one router), so joining
counts only the *wrong* codes an address tries, and answering counts per participant.
"""

from herstel.ratelimit import Limit

WRONG_CODES = Limit("werkplaats-code", 30, 10 * 60)  # per address: unknown codes, then a pause
STARTS = Limit("werkplaats-start", 20, 60 * 60)  # per address: new sessions an hour
ANSWERS = Limit("werkplaats-antwoord", 60, 60)  # per participant: answers a minute
