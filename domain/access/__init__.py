"""Who may do what: users, teams, roles, access levels and record scope, sign-ins."""
