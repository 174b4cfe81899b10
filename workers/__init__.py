"""Celery workers: the app, its beat schedule, tasks and the extract readers."""
