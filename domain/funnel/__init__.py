"""The sales funnel: pipelines, deals, lead and request distribution, automation and reports."""
