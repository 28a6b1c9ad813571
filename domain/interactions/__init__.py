"""Working with customers: interactions, tasks, the agenda, requests and timelines."""
