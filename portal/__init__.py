"""Engage Portal: the core application (configuration, models, services, access control)."""
