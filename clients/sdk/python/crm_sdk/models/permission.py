from enum import StrEnum


class Permission(StrEnum):
    AUDITREAD = "audit:read"
    AUTOMATIONMANAGE = "automation:manage"
    COMPANIESREAD = "companies:read"
    COMPANIESWRITE = "companies:write"
    CONTACTSREAD = "contacts:read"
    CONTACTSWRITE = "contacts:write"
    CUSTOM_FIELDSMANAGE = "custom_fields:manage"
    DATAEXPORT = "data:export"
    DATAIMPORT = "data:import"
    DEALSREAD = "deals:read"
    DEALSWRITE = "deals:write"
    INTERACTIONSREAD = "interactions:read"
    INTERACTIONSWRITE = "interactions:write"
    PIPELINESMANAGE = "pipelines:manage"
    REPORTSREAD = "reports:read"
    REQUESTSREAD = "requests:read"
    REQUESTSWRITE = "requests:write"
    ROLESMANAGE = "roles:manage"
    SETTINGSMANAGE = "settings:manage"
    TASKSREAD = "tasks:read"
    TASKSWRITE = "tasks:write"
    USERSMANAGE = "users:manage"
    USERSREAD = "users:read"

    def __str__(self) -> str:
        return str(self.value)
