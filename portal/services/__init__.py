"""Domain services: each takes a session and the acting principal, and never commits."""
