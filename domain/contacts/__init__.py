"""Contacts and companies: the customer directory, its custom fields, duplicates,
merging, import and export."""
