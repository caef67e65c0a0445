"""fieldbot's shared CRM/FSM model: plain Python, no framework imports."""
