"""Channel adapters: each turns what its provider sends into an `Inbound` and renders replies.

The conversation core (bot/inbox.py, bot/dialogue) never knows a provider: an adapter decides its
channel's rules (carrier keywords, answering inline) and how a structured `Reply` reads there.
"""
