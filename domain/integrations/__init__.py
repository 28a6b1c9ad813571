"""Integrations: what third parties are told of the CRM's changes (webhooks)."""
