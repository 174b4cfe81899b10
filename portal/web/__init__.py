"""Plain Flask views: sign-in, health checks and file downloads."""
